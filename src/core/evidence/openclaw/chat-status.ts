import type { Extractor } from "../extractor.js";
import type { Evidence } from "../types.js";
import { modelRefEvidence } from "./provider-ref.js";
import { lineAt, signal, sourceAt } from "./signals.js";

const MODEL = /🧠 Model: (\S+)/u;
const TOKENS = /🧮 Tokens: ([\d.,]+[km]?) in \/ ([\d.,]+[km]?) out/u;
const CONTEXT = /📚 Context: ([\d.,]+[km]?)\/([\d.,]+[km]?)/u;

/** "12", "1.0m", "15.8k" → tokens. */
function count(text: string): number | null {
  const m = /^([\d.,]+)([km]?)$/u.exec(text);
  if (!m?.[1]) return null;
  const n = Number(m[1].replace(/,/g, ""));
  return Number.isFinite(n) ? Math.round(n * (m[2] === "m" ? 1e6 : m[2] === "k" ? 1e3 : 1)) : null;
}

/**
 * The `/status` chat command (gateway sessions): the session's model, how big its context is,
 * and whether it has produced output, which shows sessions work when a CLI probe says otherwise.
 * The version line is the version extractor's.
 */
export const openclawChatStatusExtractor: Extractor = (text, ctx) => {
  const model = MODEL.exec(text);
  if (!model) return [];
  const out: Evidence[] = [];
  const ref = model[1] ? modelRefEvidence(model[1], ctx, lineAt(text, model.index)) : null;
  if (ref) out.push(ref);
  const context = CONTEXT.exec(text);
  const used = context?.[1] ? count(context[1]) : null;
  if (context && used !== null)
    out.push({
      kind: "request_size",
      source: sourceAt(ctx, lineAt(text, context.index)),
      tokens: used,
      what: "context",
    });
  const tokens = TOKENS.exec(text);
  const output = tokens?.[2] ? count(tokens[2]) : null;
  if (tokens && output !== null && output > 0)
    out.push(
      signal(
        ctx,
        "session_succeeded",
        `/status: ${tokens[1]} tokens in, ${tokens[2]} out on ${model[1]}`,
        lineAt(text, tokens.index),
      ),
    );
  return out;
};
