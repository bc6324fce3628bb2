import type { Timeline, TimelineBucket } from "../../core/timeline/types.js";
import { chartSubtitle, chartTitle, windowLabel } from "./chart-titles.js";
import { legend } from "./legend.js";
import { PALETTE } from "./palette.js";
import { compactNumber, type Scale, timeLabel, yScale } from "./scale.js";
import { cross, line, px, rect, text, triangleDown } from "./svg-text.js";

const WIDTH = 1000;
const LEFT = 96;
const RIGHT = 972;
const TICK = 16;
/** A per-minute limit drawn against hour-long bars would mislead: shown up to 10-minute windows. */
const MAX_LIMIT_WINDOW_MS = 10 * 60_000;

interface Panel {
  top: number;
  bottom: number;
}

interface Frame {
  t: Timeline;
  x: (ms: number) => number;
  barWidth: number;
}

function frameOf(t: Timeline): Frame {
  const x = (ms: number) => LEFT + ((ms - t.startMs) / (t.endMs - t.startMs)) * (RIGHT - LEFT);
  return { t, x, barWidth: (RIGHT - LEFT) / t.buckets.length };
}

function yAxis(scale: Scale, panel: Panel, title: string): string {
  const out = scale.ticks.map(
    (v) =>
      line(LEFT, scale(v), RIGHT, scale(v), PALETTE.grid) +
      text(LEFT - 8, scale(v) + 5, compactNumber(v), {
        size: TICK,
        anchor: "end",
        fill: PALETTE.muted,
      }),
  );
  const mid = (panel.top + panel.bottom) / 2;
  out.push(text(24, mid, title, { size: 17, anchor: "middle", rotate: -90 }));
  out.push(line(LEFT, panel.bottom, RIGHT, panel.bottom, PALETTE.ink, 1.5));
  return out.join("");
}

function xAxis(f: Frame, bottom: number): string {
  const every = Math.max(1, Math.ceil(f.t.buckets.length / 7));
  const out: string[] = [];
  f.t.buckets.forEach((b, i) => {
    if (i % every !== 0) return;
    const x = f.x(b.startMs);
    out.push(
      line(x, bottom, x, bottom + 6, PALETTE.ink, 1.5),
      text(x, bottom + 26, timeLabel(b.startMs, f.t.windowMs), {
        size: TICK,
        anchor: "middle",
        fill: PALETTE.muted,
      }),
    );
  });
  return out.join("");
}

function spans(f: Frame, panel: Panel): string {
  return f.t.spans
    .map((s) => {
      const x1 = Math.max(LEFT, f.x(s.startMs));
      const x2 = Math.min(RIGHT, Math.max(f.x(s.endMs), x1 + 2));
      const opacity = s.reason === "cooldown" ? "0.3" : "0.15";
      const label =
        s.reason === "cooldown" && x2 - x1 > 80
          ? text((x1 + x2) / 2, panel.top + 20, "cooldown", {
              size: 15,
              anchor: "middle",
              fill: PALETTE.muted,
            })
          : "";
      return (
        rect(
          x1,
          panel.top,
          x2 - x1,
          panel.bottom - panel.top,
          PALETTE.wait,
          ` fill-opacity="${opacity}"`,
        ) + label
      );
    })
    .join("");
}

function markers(f: Frame, b: TimelineBucket, x: number, y: number): string {
  const out: string[] = [];
  const size = Math.min(18, Math.max(9, f.barWidth * 0.8));
  let at = y - size * 0.7;
  if (b.rateLimited > 0) {
    out.push(triangleDown(x, at, size, PALETTE.rateLimited));
    if (b.rateLimited > 1 && f.barWidth >= 14)
      out.push(
        text(x, at - size * 0.6, String(b.rateLimited), { size: 14, anchor: "middle", halo: true }),
      );
    at -= size * (b.rateLimited > 1 && f.barWidth >= 14 ? 1.9 : 1.1);
  }
  if (b.otherErrors > 0) out.push(cross(x, at, size * 0.7, PALETTE.otherError));
  return out.join("");
}

function requestBars(f: Frame, scale: Scale): string {
  const gap = Math.min(4, f.barWidth * 0.15);
  return f.t.buckets
    .map((b) => {
      const x = f.x(b.startMs) + gap / 2;
      const w = f.barWidth - gap;
      const yFirst = scale(b.requests);
      const yAll = scale(b.requests + b.retries);
      const bars =
        rect(x, yFirst, w, scale(0) - yFirst, PALETTE.requests) +
        (b.retries > 0
          ? rect(
              x,
              yAll,
              w,
              yFirst - yAll,
              "url(#hatch)",
              ` stroke="${PALETTE.retries}" stroke-width="1"`,
            )
          : "");
      return bars + markers(f, b, x + w / 2, yAll);
    })
    .join("");
}

function limitLine(scale: Scale, value: number | null, label: string): string {
  if (value === null) return "";
  const y = scale(value);
  return (
    line(LEFT, y, RIGHT, y, PALETTE.ink, 2.5, "8 5") +
    text(LEFT + 6, y - 7, label, { size: 15, halo: true })
  );
}

function verticals(f: Frame, panel: Panel): string {
  const out: string[] = [];
  for (const m of f.t.marks) {
    const x = f.x(m.atMs);
    out.push(line(x, panel.top, x, panel.bottom, PALETTE.switch, 3, "10 3 2 3"));
    if (m.label)
      out.push(text(x + 5, panel.top + 38, `to ${m.label.slice(0, 32)}`, { size: 15, halo: true }));
  }
  if (f.t.resetAtMs !== null && f.t.resetAtMs <= f.t.endMs) {
    const x = f.x(f.t.resetAtMs);
    out.push(line(x, panel.top, x, panel.bottom, PALETTE.reset, 3, "3 3"));
    out.push(
      text(
        x - 5,
        panel.top + 16,
        `reset ${timeLabel(f.t.resetAtMs, Math.min(f.t.windowMs, 59_000))}`,
        { size: 15, anchor: "end", halo: true },
      ),
    );
  }
  return out.join("");
}

function requestsPanel(f: Frame, panel: Panel, perWindowLimit: number | null): string {
  const most = Math.max(1, ...f.t.buckets.map((b) => b.requests + b.retries), perWindowLimit ?? 0);
  // Requests are whole: no tick at half a request.
  const scale = yScale(most * 1.25, panel.bottom, panel.top, 1);
  const label = `limit ${f.t.limits.rpm} RPM${f.t.windowMs !== 60_000 && perWindowLimit !== null ? ` (${compactNumber(perWindowLimit)} per ${windowLabel(f.t.windowMs)})` : ""}`;
  return (
    spans(f, panel) +
    yAxis(scale, panel, `Requests per ${windowLabel(f.t.windowMs)}`) +
    requestBars(f, scale) +
    limitLine(scale, perWindowLimit, label) +
    verticals(f, panel)
  );
}

function tokensPanel(f: Frame, panel: Panel, perWindowLimit: number | null): string {
  const most = Math.max(1, ...f.t.buckets.map((b) => b.tokens), perWindowLimit ?? 0);
  const scale = yScale(most * 1.15, panel.bottom, panel.top);
  const points = f.t.buckets.map(
    (b) => `${px(f.x(b.startMs) + f.barWidth / 2)},${px(scale(b.tokens))}`,
  );
  const squares = f.t.buckets
    .filter((b) => b.tokens > 0)
    .map((b) =>
      rect(f.x(b.startMs) + f.barWidth / 2 - 4, scale(b.tokens) - 4, 8, 8, PALETTE.tokens),
    );
  const label = `limit ${compactNumber(f.t.limits.tpm ?? 0)} TPM`;
  return `${yAxis(scale, panel, `Input tokens per ${windowLabel(f.t.windowMs)}`)}<polyline points="${points.join(" ")}" fill="none" stroke="${PALETTE.tokens}" stroke-width="3"/>${squares.join("")}${limitLine(scale, perWindowLimit, label)}`;
}

/** A per-minute limit expressed per window (a 10-second bar holds a sixth of a minute's allowance). */
function perWindow(limit: number | null, windowMs: number): number | null {
  return limit === null || windowMs > MAX_LIMIT_WINDOW_MS ? null : (limit * windowMs) / 60_000;
}

/**
 * The timeline as an SVG document, built as text: requests per window (first attempts solid,
 * retries hatched), 429s as triangles, other errors as crosses, waits shaded, the reset and model
 * switches as dashed verticals, and input tokens in a second panel when the input had them.
 * Sized 1000 px wide with 15–26 px text so a chat preview (about half size) stays legible.
 */
export function timelineSvg(t: Timeline): string {
  const f = frameOf(t);
  const tokens = t.hasTokens;
  const height = tokens ? 620 : 500;
  const requests: Panel = { top: 124, bottom: tokens ? 372 : 432 };
  const rpm = perWindow(t.limits.rpm, t.windowMs);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="${PALETTE.retries}"/><rect width="3" height="8" fill="#ffffff" fill-opacity="0.55"/></pattern></defs>`,
    rect(0, 0, WIDTH, height, PALETTE.background),
    text(LEFT - 72, 38, chartTitle(t), { size: 26, weight: "bold" }),
    text(LEFT - 72, 66, chartSubtitle(t), { size: 17, fill: PALETTE.muted }),
    legend(t, LEFT - 72, 100, rpm !== null),
    requestsPanel(f, requests, rpm),
  ];
  let bottom = requests.bottom;
  if (tokens) {
    const panel: Panel = { top: 398, bottom: 540 };
    parts.push(tokensPanel(f, panel, perWindow(t.limits.tpm, t.windowMs)));
    bottom = panel.bottom;
  }
  parts.push(
    xAxis(f, bottom),
    text((LEFT + RIGHT) / 2, height - 14, "Time (UTC)", { size: 17, anchor: "middle" }),
    "</svg>",
  );
  return parts.join("");
}
