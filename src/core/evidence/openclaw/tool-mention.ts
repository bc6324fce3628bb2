import type { Extractor } from "../extractor.js";
import { lineAt, sourceAt } from "./signals.js";

/** What shows OpenClaw is in use, strongest first; the first that matches sets the strength. */
const MARKERS: Array<[RegExp, number]> = [
  [
    /\[(?:agent\/embedded|provider-transport-fetch|model-fallback\/decision|openclaw)\]|"subsystem\\?":\\?"agent\/embedded/u,
    1,
  ],
  [/"stage":\s*"(?:session:after|stream:context|cache:state|session:loaded)"/u, 1],
  [
    /\bopenclaw\s+(?:models|status|logs|agent|gateway|doctor|tui|onboard|config)\b|~\/\.openclaw\b|\bopenclaw\.json\b|\bOPENCLAW_[A-Z_]+/u,
    0.95,
  ],
  [/🦞\s*OpenClaw|\bOpenClaw\s+20\d\d\.\d/u, 0.95],
  [/\bopen\s?claw\b/iu, 0.9],
  [/\bclawdbot\b|\bmoltbot\b/iu, 0.9],
  [
    /All models failed \(\d+\):|⚠️ (?:API rate limit reached|The model request was rate-limited|Rate-limited — ready in)/u,
    0.85,
  ],
  [/Google Generative AI API error \(\d{3}\)/u, 0.6],
];

/** One `tool_mention` for OpenClaw, as strong as the strongest marker in the text. */
export const openclawMentionExtractor: Extractor = (text, ctx) => {
  for (const [pattern, strength] of MARKERS) {
    const m = pattern.exec(text);
    if (m) {
      return [
        {
          kind: "tool_mention",
          source: sourceAt(ctx, lineAt(text, m.index)),
          tool: "openclaw",
          strength,
        },
      ];
    }
  }
  return [];
};
