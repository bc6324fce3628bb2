import { FONT_FAMILY, PALETTE } from "./palette.js";

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Pixel coordinates rounded to a tenth: the SVG stays byte-stable and small. */
export const px = (n: number): string => String(Math.round(n * 10) / 10);

export interface TextOptions {
  size: number;
  anchor?: "start" | "middle" | "end";
  weight?: "normal" | "bold";
  fill?: string;
  rotate?: number;
  /** A white outline behind the glyphs, for labels drawn over bars and lines. */
  halo?: boolean;
}

export function text(x: number, y: number, content: string, o: TextOptions): string {
  const transform = o.rotate ? ` transform="rotate(${o.rotate} ${px(x)} ${px(y)})"` : "";
  const halo = o.halo ? ' stroke="#ffffff" stroke-width="4" paint-order="stroke"' : "";
  return `<text x="${px(x)}" y="${px(y)}" font-family="${FONT_FAMILY}" font-size="${o.size}" font-weight="${o.weight ?? "normal"}" text-anchor="${o.anchor ?? "start"}" fill="${o.fill ?? PALETTE.ink}"${halo}${transform}>${escapeXml(content)}</text>`;
}

export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  width = 1,
  dash?: string,
): string {
  const dashes = dash ? ` stroke-dasharray="${dash}"` : "";
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" stroke="${stroke}" stroke-width="${width}"${dashes}/>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ""): string {
  return `<rect x="${px(x)}" y="${px(y)}" width="${px(Math.max(0, w))}" height="${px(Math.max(0, h))}" fill="${fill}"${extra}/>`;
}

/** A downward triangle centred on (x, y): the 429 marker. */
export function triangleDown(x: number, y: number, size: number, fill: string): string {
  const h = size * 0.9;
  return `<path d="M${px(x - size / 2)} ${px(y - h / 2)}H${px(x + size / 2)}L${px(x)} ${px(y + h / 2)}Z" fill="${fill}" stroke="${PALETTE.ink}" stroke-width="1"/>`;
}

/** An ✕ centred on (x, y): any other error. */
export function cross(x: number, y: number, size: number, stroke: string): string {
  const r = size / 2;
  return `<path d="M${px(x - r)} ${px(y - r)}L${px(x + r)} ${px(y + r)}M${px(x - r)} ${px(y + r)}L${px(x + r)} ${px(y - r)}" stroke="${stroke}" stroke-width="3"/>`;
}
