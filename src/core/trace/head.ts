import { numberAfter, stringAfter, stringEnd } from "./line-fields.js";

/**
 * The fields every cache-trace event starts with. The writer puts them first, in this order
 * (`src/agents/trace-base.ts`): runId, sessionId, sessionKey, provider, modelId, modelApi,
 * workspaceDir, ts, seq, stage; the payload follows. Older versions omit undefined ones.
 * Only stage, seq and runId are read for every line; the rest when an attempt starts or ends.
 */
export interface TraceHead {
  stage: string;
  seq: number | null;
  runId: string | null;
  /** Where the `"stage":` key starts: the head is the text before it. */
  stageKeyAt: number;
  /** Where the payload starts (just after the stage value). */
  payloadAt: number;
}

export interface HeadDetail {
  sessionId: string | null;
  provider: string | null;
  modelId: string | null;
  modelApi: string | null;
  ts: string | null;
}

const STAGE = '"stage":';
const SEQ = '"seq":';
const RUN_ID = '{"runId":"';

/** Stage names seen in 2026.9.6 and older; matching them avoids a string per line. */
const KNOWN_STAGES = [
  "session:loaded",
  "session:sanitized",
  "session:limited",
  "prompt:before",
  "prompt:images",
  "cache:state",
  "stream:context",
  "cache:result",
  "session:after",
  "session:raw-model-run",
];

function stageName(line: string, quote: number, end: number): string | null {
  const length = end - quote - 2;
  for (const known of KNOWN_STAGES)
    if (known.length === length && line.startsWith(known, quote + 1)) return known;
  return stringAfter(line, STAGE, quote - STAGE.length, quote - STAGE.length + 1);
}

/** The run id: first key of every 2026.9.6 line, so usually a prefix check and one short scan. */
function runIdOf(line: string, stageKey: number): string | null {
  if (line.startsWith(RUN_ID)) {
    const end = line.indexOf('"', RUN_ID.length);
    if (end > 0 && end < stageKey && line.charCodeAt(end - 1) !== 92)
      return line.slice(RUN_ID.length, end);
  }
  return stringAfter(line, '"runId":', 0, stageKey);
}

/** `…"seq":12,"stage":` — the usual layout is read backwards from the stage key without a search. */
function seqBefore(line: string, stageKey: number): { seq: number | null; found: boolean } {
  let i = stageKey - 2;
  if (line.charCodeAt(stageKey - 1) === 44 /* , */) {
    let value = 0;
    let scale = 1;
    while (i >= 0) {
      const c = line.charCodeAt(i);
      if (c < 48 || c > 57) break;
      value += (c - 48) * scale;
      scale *= 10;
      i--;
    }
    if (scale > 1 && line.startsWith(SEQ, i - SEQ.length + 1)) return { seq: value, found: true };
  }
  const key = line.lastIndexOf(SEQ, stageKey);
  if (key < 0) return { seq: null, found: false };
  return { seq: numberAfter(line, SEQ, key, key + 1), found: true };
}

function findStageKey(line: string, hint: number): number {
  // Lines of one run share their head up to ts and seq, so the key sits where it sat last time.
  for (const at of [hint, hint + 1, hint - 1])
    if (at > 0 && line.startsWith(STAGE, at) && line.charCodeAt(at - 1) === 44) return at;
  return line.indexOf(STAGE);
}

/**
 * Reads the head by key search, bounded to the text before the stage so nested keys of the payload
 * (options.model.provider, say) are never mistaken for it. Null when the line does not look like
 * a cache-trace event (a log line with a `stage` field has no `seq` or `ts` before it).
 * `hint`: where the previous line's stage key was, tried first.
 */
export function readHead(line: string, hint = -1): TraceHead | null {
  const key = findStageKey(line, hint);
  if (key < 0) return null;
  const quote = key + STAGE.length;
  if (line.charCodeAt(quote) !== 34) return null;
  const end = stringEnd(line, quote);
  if (end < 0) return null;
  const { seq, found } = seqBefore(line, key);
  if (!found && line.lastIndexOf('"ts":"', key) < 0) return null;
  const stage = stageName(line, quote, end);
  if (stage === null) return null;
  return { stage, seq, runId: runIdOf(line, key), stageKeyAt: key, payloadAt: end };
}

/** The head fields read only when an attempt starts or ends. */
export function readHeadDetail(line: string, head: TraceHead): HeadDetail {
  const end = head.stageKeyAt;
  return {
    sessionId: stringAfter(line, '"sessionId":', 0, end),
    provider: stringAfter(line, '"provider":', 0, end),
    modelId: stringAfter(line, '"modelId":', 0, end),
    modelApi: stringAfter(line, '"modelApi":', 0, end),
    ts: stringAfter(line, '"ts":', 0, end),
  };
}

/** Whether a parsed value is shaped like a cache-trace event (lines the key search could not place). */
export function isTraceEvent(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  return typeof o.stage === "string" && (typeof o.seq === "number" || typeof o.ts === "string");
}
