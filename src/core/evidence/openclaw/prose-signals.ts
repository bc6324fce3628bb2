import type { Extractor } from "../extractor.js";
import type { Evidence } from "../types.js";
import { lineAt, signal } from "./signals.js";

const CODEX = /\bopenai-codex\/[\w.:-]+/u;
const COOLDOWN_RESET =
  /cooldown[^.\n]{0,60}\b(?:resets?|restarts?|starts? (?:again|over)|extends?|keeps? (?:growing|going))\b|\b(?:resets?|restarts?)\b[^.\n]{0,40}\bcooldown/iu;

/** Signals read from how the user describes things, for known issues that have no output of their own. */
export const openclawProseSignalsExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  const codex = CODEX.exec(text);
  if (codex) out.push(signal(ctx, "codex_model", codex[0], lineAt(text, codex.index)));
  const reset = COOLDOWN_RESET.exec(text);
  if (reset) out.push(signal(ctx, "cooldown_reset_on_retry", reset[0], lineAt(text, reset.index)));
  return out;
};
