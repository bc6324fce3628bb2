/**
 * Okabe & Ito's palette, told apart by the common colour-vision deficiencies; every series also
 * differs by shape or dash, so the chart reads in greyscale too.
 */
export const PALETTE = {
  ink: "#1a1a1a",
  grid: "#d9d9d9",
  muted: "#595959",
  background: "#ffffff",
  requests: "#0072B2",
  retries: "#E69F00",
  rateLimited: "#D55E00",
  otherError: "#000000",
  tokens: "#009E73",
  reset: "#CC79A7",
  switch: "#56B4E9",
  wait: "#7f7f7f",
} as const;

/** The font shipped with the package (see src/render/chart/font.ts), named in every text element. */
export const FONT_FAMILY = "Atkinson Hyperlegible";
