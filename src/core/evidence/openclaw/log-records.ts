import { isRecord } from "./lenient-json.js";

/**
 * One OpenClaw log entry, whatever form it was pasted in: the file log (tslog JSON, what
 * `openclaw logs` reads), `openclaw logs --json` (the file line wrapped in `raw`), or the console
 * (`[agent/embedded] embedded run failover decision: runId=… reason=rate_limit …`).
 */
export interface LogRecord {
  /** The structured event name (embedded_run_failover_decision, …), or null for text lines. */
  event: string | null;
  fields: Record<string, unknown>;
  /** The text of a message-only entry, or the console line after its subsystem tag. */
  text: string;
  line: number;
}

/** Console lines name the event in words; these map them to the file log's event names. */
const CONSOLE_EVENTS: Array<[RegExp, string]> = [
  [/^embedded run failover decision:/u, "embedded_run_failover_decision"],
  [/^embedded run agent end:/u, "embedded_run_agent_end"],
  [/^model fallback decision:/u, "model_fallback_decision"],
];

/** `key=value` pairs of a console line; the last key (rawError, detail, error) takes the rest of the line. */
function keyValues(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const re = /(?:^|\s)([A-Za-z]+)=/gu;
  const keys: Array<{ key: string; start: number; end: number }> = [];
  for (const m of text.matchAll(re))
    keys.push({ key: m[1] ?? "", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!k) continue;
    const rest = ["rawError", "detail", "error"].includes(k.key);
    const next = rest ? text.length : (keys[i + 1]?.start ?? text.length);
    if (rest) {
      fields[k.key] = text
        .slice(k.end)
        .replace(/\s+(?:rawError|errorName)=.*$/su, "")
        .trim();
      // An "error=" value stops where rawError starts.
      if (k.key === "error") continue;
      break;
    }
    fields[k.key] = text.slice(k.end, next).trim();
  }
  return fields;
}

function fromFileLog(value: Record<string, unknown>, line: number): LogRecord | null {
  if (!("_meta" in value) && !("0" in value)) return null;
  const payload = value["1"];
  if (isRecord(payload)) {
    return {
      event: typeof payload.event === "string" ? payload.event : null,
      fields: payload,
      text: String(value["2"] ?? value.message ?? ""),
      line,
    };
  }
  const text =
    typeof payload === "string" ? payload : typeof value["0"] === "string" ? value["0"] : "";
  return { event: null, fields: {}, text, line };
}

function fromJsonLine(raw: string, line: number): LogRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.type === "log" && typeof value.raw === "string") {
    try {
      const inner = JSON.parse(value.raw) as unknown;
      if (isRecord(inner)) return fromFileLog(inner, line);
    } catch {
      // a cut raw line: the short message is all there is
    }
    return { event: null, fields: {}, text: String(value.message ?? ""), line };
  }
  return fromFileLog(value, line);
}

/** `[subsystem] text`, after an optional timestamp (gateway console: "2026-11-23T22:56:37.276+00:00 [agent/embedded] …"). */
const CONSOLE = /^(?:\d\S*\s+)?\[([\w/.-]+)\]\s+(.*)$/u;

function fromConsole(raw: string, line: number): LogRecord | null {
  const m = CONSOLE.exec(raw.trim());
  if (!m) return null;
  const text = m[2] ?? "";
  for (const [pattern, event] of CONSOLE_EVENTS) {
    if (pattern.test(text))
      return { event, fields: keyValues(text.replace(pattern, "")), text, line };
  }
  return { event: null, fields: {}, text, line };
}

/** Every log entry in a text; lines that are none of the three forms are skipped. */
export function readLogRecords(text: string): LogRecord[] {
  const out: LogRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? "").trim();
    if (raw === "") continue;
    const record = raw.startsWith("{") ? fromJsonLine(raw, i + 1) : fromConsole(raw, i + 1);
    if (record) out.push(record);
  }
  return out;
}
