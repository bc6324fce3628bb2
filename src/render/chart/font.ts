import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Atkinson Hyperlegible (SIL OFL 1.1, Braille Institute), from a pinned npm package: the chart's
 * only font. System fonts are never loaded, so a PNG is the same bytes on every machine.
 */
export function chartFontFiles(): string[] {
  return [
    require.resolve(
      "@expo-google-fonts/atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf",
    ),
    require.resolve(
      "@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf",
    ),
  ];
}
