import { statusInMessage } from "../trace/error-text.js";
import { readHead, readHeadDetail } from "../trace/head.js";
import { readSessionAfter } from "../trace/session-after.js";
import { optionsKeyAt, readStreamSizes } from "../trace/stream-context.js";
import type { TimelineEvent } from "./types.js";

/** A common rule of thumb for English and code: about four characters per token. */
const CHARS_PER_TOKEN = 4;

const RATE_LIMIT_CODE = /RESOURCE_EXHAUSTED|rate_limit|too_many_requests|throttl/i;

function statusOf(message: string, code: string | null): number | null {
  const status = statusInMessage(message);
  if (status !== null) return status;
  return code !== null && RATE_LIMIT_CODE.test(code) ? 429 : null;
}

/**
 * The timeline events of one cache-trace line: `stream:context` is a request going out (its
 * messages' size gives the tokens), `session:after` is how the attempt ended. Fields are read by
 * key search (src/core/trace), so a line carrying a whole transcript costs no parse.
 */
export function traceLineEvents(line: string): TimelineEvent[] {
  const head = readHead(line);
  if (!head || (head.stage !== "stream:context" && head.stage !== "session:after")) return [];
  const detail = readHeadDetail(line, head);
  const atMs = detail.ts === null ? Number.NaN : Date.parse(detail.ts);
  if (!Number.isFinite(atMs)) return [];
  const model = detail.modelId === null ? null : `${detail.provider ?? "?"}/${detail.modelId}`;
  const run = head.runId;
  if (head.stage === "stream:context") {
    const sizes = readStreamSizes(line, head.payloadAt, optionsKeyAt(line, head.payloadAt));
    const chars = (sizes.messagesChars ?? 0) + (sizes.systemChars ?? 0);
    const tokens = chars > 0 ? Math.round(chars / CHARS_PER_TOKEN) : null;
    return [{ kind: "request", atMs, run, model, tokens }];
  }
  const outcome = readSessionAfter(line);
  if (outcome.kind === "unknown") return [];
  if (outcome.kind === "ok")
    return [{ kind: "response", atMs, run, model, status: 200, ok: true, tokens: null }];
  const status = statusOf(outcome.message, outcome.code);
  return [{ kind: "response", atMs, run, model, status, ok: false, tokens: null }];
}
