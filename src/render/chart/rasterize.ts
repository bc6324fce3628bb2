import type { ResvgRenderOptions } from "@resvg/resvg-js";
import { chartFontFiles } from "./font.js";
import { FONT_FAMILY } from "./palette.js";

let options: ResvgRenderOptions | undefined;

function renderOptions(): ResvgRenderOptions {
  options ??= {
    font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "original" },
    background: "#ffffff",
  };
  return options;
}

/**
 * SVG text to PNG bytes, on libuv's thread pool (the event loop stays free while it draws). The
 * native module loads on the first chart, not when the bot starts.
 */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { renderAsync } = await import("@resvg/resvg-js");
  const image = await renderAsync(svg, renderOptions());
  return image.asPng();
}
