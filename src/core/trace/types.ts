/**
 * The summary of an OpenClaw cache trace (`~/.openclaw/logs/cache-trace.jsonl`), built line by line
 * in bounded memory: counters are exact, lists are capped and say how much they left out.
 */

/** One distinct error (same provider, model, code and message), with how often it was seen. */
export interface TraceErrorGroup {
  provider: string | null;
  model: string | null;
  /** `errorCode` of the assistant message (RESOURCE_EXHAUSTED, rate_limit_exceeded). */
  errorCode: string | null;
  /** `errorType` (OpenAI: requests, tokens). */
  errorType: string | null;
  /** HTTP status read from the message ("429: …", "(429)"), when it says. */
  status: number | null;
  /** `errorMessage`, cut to 2,000 characters. */
  message: string;
  /** `errorBody` (OpenClaw keeps ≤ 500 chars, or a redaction placeholder), cut to 2,000 characters. */
  body: string | null;
  count: number;
  firstTs: string | null;
  lastTs: string | null;
  /** 1-based line of the first occurrence in the input. */
  firstLine: number;
}

/** A run (one `runId`): its attempts in order, as far as the trace shows them. */
export interface TraceRunSample {
  runId: string;
  sessionId: string | null;
  /** provider/model refs in the order the run tried them (distinct, at most 8). */
  models: string[];
  attempts: number;
  errors: number;
  successes: number;
  outcome: "error" | "ok" | "unknown";
  startTs: string | null;
  endTs: string | null;
  durationMs: number | null;
  /** Wait between one attempt's end and the next one's start, in order (at most 16 kept). */
  retryGapsMs: number[];
  /** Attempts that repeated the model of the attempt before (OpenClaw's same-model retries). */
  sameModelRetries: number;
  lastError: string | null;
}

export interface TraceModelStats {
  provider: string | null;
  model: string | null;
  modelApi: string | null;
  attempts: number;
  errors: number;
}

export type MaxTokensSource = "options.maxTokens" | "options.model.params.maxTokens";

export interface TraceSummary {
  /** Non-blank lines read. */
  lines: number;
  /** Lines recognised as cache-trace events (they have a `stage`). */
  events: number;
  /**
   * Lines that could not be read: cut mid-way, not valid JSON, or longer than the line cap.
   * What is checked: every line must be framed `{…}`; lines the summary needs in full (errors,
   * stream options) are JSON-parsed; other event lines are read by key search only, so damage
   * inside a well-framed line the summary does not need is not noticed (see `strict`).
   */
  malformed: number;
  malformedDetail: { cut: number; invalid: number; overlong: number };
  /** Well-formed JSON lines that are not cache-trace events (log lines pasted alongside, say). */
  foreign: number;
  /** Whether every line was JSON-parsed (exact malformed count) or only the ones the summary needs. */
  strict: boolean;

  runs: number;
  /** False when more distinct run ids were seen than the summariser remembers (runs is then a lower bound). */
  runsExact: boolean;
  attempts: number;
  /** Attempts beyond the first of each run (same-model retries plus fallbacks). */
  retries: number;
  sameModelRetries: number;
  /** Attempts that switched to another model inside a run. */
  fallbacks: number;
  errors: number;
  successes: number;
  runsFailed: number;
  runsOk: number;
  maxAttemptsPerRun: number;
  /** Sum and maximum of the waits between attempts of a run. */
  retryWait: { totalMs: number; maxMs: number; count: number };

  firstTs: string | null;
  lastTs: string | null;
  /** lastTs − firstTs. */
  spanMs: number | null;

  stages: Record<string, number>;
  byModel: TraceModelStats[];
  errorGroups: TraceErrorGroup[];
  /** Errors whose group was not kept because the group cap was reached. */
  errorsNotGrouped: number;
  /** The runs with the most attempts (ties: first seen). */
  runSamples: TraceRunSample[];

  /** The user's per-request output cap, as the stream options carry it (largest seen). */
  maxTokens: { value: number; where: MaxTokensSource } | null;
  /** `options.model.maxTokens`: the catalog's output limit of the model, not a request cap. */
  modelOutputLimit: number | null;
  contextWindow: number | null;
  /** `options.maxRetryDelayMs`: OpenClaw's cap on a provider's retry-after floor. */
  maxRetryDelayMs: number | null;
  /** From `cache:state.options.snapshot` (largest seen). */
  toolCount: number | null;
  toolNames: string[];
  /** Request sizes from `stream:context`, in characters (largest seen); null when the trace omits them. */
  request: {
    messagesChars: number | null;
    systemChars: number | null;
    maxMessageCount: number | null;
    /** `cache:result.options.input`: input tokens the provider reported for a successful request. */
    inputTokens: number | null;
  };
  /** How often OpenClaw's own redaction placeholders appeared. */
  redacted: { oversized: number; malformed: number };
}

export interface TraceSummarizerOptions {
  /** JSON-parse every line, for an exact malformed count (chat pastes); default false (fast). */
  strict?: boolean;
  /** Lines longer than this are skipped and counted malformed (default 8 MiB of characters). */
  maxLineChars?: number;
  /** Distinct run ids remembered for counting (default 200,000). */
  maxRunIds?: number;
  /** Runs kept in full while active (default 2,000). */
  maxActiveRuns?: number;
  /** Distinct error groups kept (default 50). */
  maxErrorGroups?: number;
  /** Run samples kept (default 10). */
  maxRunSamples?: number;
}

export interface TraceSummarizer {
  push(line: string): void;
  /** Lines the caller dropped before they reached push (an over-long line in a stream, say). */
  countOverlong(count?: number): void;
  summary(): TraceSummary;
}
