import { type ResvgRenderOptions, renderAsync } from "@resvg/resvg-js";
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

/** SVG text to PNG bytes, on libuv's thread pool (the event loop stays free while it draws). */
export async function svgToPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, renderOptions());
  return image.asPng();
}
