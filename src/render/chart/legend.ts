import type { Timeline } from "../../core/timeline/types.js";
import { PALETTE } from "./palette.js";
import { cross, line, rect, text, triangleDown } from "./svg-text.js";

const SIZE = 17;

interface Entry {
  swatch: (x: number, y: number) => string;
  label: string;
  width: number;
}

/** Roughly what a label takes at 17 px in Atkinson Hyperlegible (measured ~0.55 em per char). */
const labelWidth = (label: string) => Math.round(label.length * SIZE * 0.55);

function entries(t: Timeline, showRpm: boolean): Entry[] {
  const list: Array<Omit<Entry, "width">> = [
    { swatch: (x, y) => rect(x, y - 12, 22, 14, PALETTE.requests), label: "first attempts" },
  ];
  if (t.totals.retries > 0)
    list.push({ swatch: (x, y) => rect(x, y - 12, 22, 14, "url(#hatch)"), label: "retries" });
  if (t.totals.rateLimited > 0)
    list.push({
      swatch: (x, y) => triangleDown(x + 11, y - 5, 16, PALETTE.rateLimited),
      label: "429",
    });
  if (t.totals.otherErrors > 0)
    list.push({
      swatch: (x, y) => cross(x + 11, y - 5, 12, PALETTE.otherError),
      label: "other error",
    });
  if (showRpm && t.limits.rpm !== null)
    list.push({
      swatch: (x, y) => line(x, y - 5, x + 26, y - 5, PALETTE.ink, 2.5, "8 5"),
      label: `limit ${t.limits.rpm} RPM`,
    });
  if (t.spans.length > 0)
    list.push({
      swatch: (x, y) => rect(x, y - 13, 22, 16, PALETTE.wait, ' fill-opacity="0.3"'),
      label: "waiting",
    });
  if (t.resetAtMs !== null)
    list.push({
      swatch: (x, y) => line(x + 11, y - 14, x + 11, y + 3, PALETTE.reset, 3, "3 3"),
      label: "reset",
    });
  if (t.marks.some((m) => m.kind === "switch"))
    list.push({
      swatch: (x, y) => line(x + 11, y - 14, x + 11, y + 3, PALETTE.switch, 3, "10 3 2 3"),
      label: "model switch",
    });
  return list.map((e) => ({ ...e, width: 30 + labelWidth(e.label) + 22 }));
}

/** One row of swatches and labels, left to right. */
export function legend(t: Timeline, x0: number, y: number, showRpm: boolean): string {
  let x = x0;
  const out: string[] = [];
  for (const e of entries(t, showRpm)) {
    out.push(e.swatch(x, y), text(x + 30, y, e.label, { size: SIZE, fill: PALETTE.ink }));
    x += e.width;
  }
  return out.join("");
}
