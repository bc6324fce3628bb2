import { stringAfter } from "./line-fields.js";

/** How an attempt ended, read from its `session:after` line. */
export type AttemptOutcome =
  | {
      kind: "error";
      message: string;
      code: string | null;
      type: string | null;
      body: string | null;
      provider: string | null;
      model: string | null;
    }
  | { kind: "ok" }
  | { kind: "unknown" };

const ASSISTANT = '{"role":"assistant"';
const UNKNOWN: AttemptOutcome = { kind: "unknown" };
const OK: AttemptOutcome = { kind: "ok" };

/**
 * The outcome of an attempt: the last assistant message of the transcript snapshot decides
 * (earlier turns' errors are history, not this attempt). It is found from the end and its fields
 * read by key search from there, so a long transcript costs a backwards search, not a parse.
 * The assistant message is the last element, so nothing but its own keys lies between it and
 * the end of the line (a short `note`/`error` tail aside).
 */
export function readSessionAfter(line: string): AttemptOutcome {
  const at = line.lastIndexOf(ASSISTANT);
  if (at < 0) return readTopLevelError(line);
  const stopKey = line.indexOf('"stopReason":', at);
  const stop = stopKey < 0 ? null : stringAfter(line, '"stopReason":', stopKey, stopKey + 1);
  if (stop === "error") {
    // OpenClaw writes the error keys in this order after stopReason; each search starts at the last.
    const cursor = { at: stopKey };
    return {
      kind: "error",
      message: valueAfter(line, '"errorMessage":', cursor, at) ?? "(error without a message)",
      code: valueAfter(line, '"errorCode":', cursor, at),
      body: valueAfter(line, '"errorBody":', cursor, at),
      // Only OpenAI-compatible errors carry a type; a miss must not rescan the message.
      type: valueAfter(line, '"errorType":', cursor, -1),
      provider: stringAfter(line, '"provider":', at, stopKey),
      model: stringAfter(line, '"model":', at, stopKey),
    };
  }
  if (stop === "stop" || stop === "length" || stop === "toolUse") return OK;
  return UNKNOWN;
}

/** The string value of the next `needle` from cursor.at, else (when `retryFrom` ≥ 0) from there. */
function valueAfter(
  line: string,
  needle: string,
  cursor: { at: number },
  retryFrom: number,
): string | null {
  let found = line.indexOf(needle, cursor.at);
  if (found < 0 && retryFrom >= 0) found = line.indexOf(needle, retryFrom);
  if (found < 0) return null;
  cursor.at = found;
  return stringAfter(line, needle, found, found + 1);
}

/** Messages omitted (OPENCLAW_CACHE_TRACE_MESSAGES=0): older traces still note a prompt error. */
function readTopLevelError(line: string): AttemptOutcome {
  const tail = Math.max(0, line.lastIndexOf("]"));
  const error = stringAfter(line, '"error":', tail);
  const note = stringAfter(line, '"note":', tail);
  if (error !== null || note === "prompt error") {
    return {
      kind: "error",
      message: error ?? "prompt error",
      code: null,
      type: null,
      body: null,
      provider: null,
      model: null,
    };
  }
  return UNKNOWN;
}
