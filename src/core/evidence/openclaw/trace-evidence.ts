import { isCutErrorText, isLongWindowText, waitAskedMs } from "../../trace/error-text.js";
import type { TraceRunSample, TraceSummary } from "../../trace/types.js";
import type { ExtractContext } from "../extractor.js";
import { matchProviderError } from "../provider-errors.js";
import type { Evidence, TraceEvidence } from "../types.js";
import { modelRefOf } from "./provider-ref.js";
import { signal, sourceAt } from "./signals.js";

/** Rough schema size per tool when only the count is known (the captures: 10,544 chars for 14 tools). */
const TOKENS_PER_TOOL = 190;
/**
 * OpenClaw redacts a system prompt over 16,384 chars in the trace; in its place the default
 * workspace's prompt as `/context detail` measured it in the captures (52,629 chars).
 */
const REDACTED_SYSTEM_TOKENS = 13_158;
const MAX_PROVIDER_ERRORS = 3;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const tokens = (chars: number) => Math.ceil(chars / 4);

function runLabel(run: TraceRunSample): string {
  return `run ${run.runId.slice(0, 8)}`;
}

function retrySignals(s: TraceSummary, ctx: ExtractContext, line: number | undefined): Evidence[] {
  const out: Evidence[] = [];
  const busiest = s.runSamples.find((r) => r.sameModelRetries > 0);
  if (busiest) {
    const gaps = busiest.retryGapsMs;
    out.push(
      signal(
        ctx,
        "same_model_retries",
        `${runLabel(busiest)}: ${busiest.attempts} attempts on ${busiest.models.join(" → ")}` +
          (busiest.durationMs !== null ? ` over ${seconds(busiest.durationMs)}` : "") +
          ` (${busiest.sameModelRetries} same-model retries` +
          (gaps.length > 0
            ? `, waits ${seconds(Math.min(...gaps))} to ${seconds(Math.max(...gaps))})`
            : ")") +
          `; ${s.sameModelRetries} same-model retries in the whole trace`,
        line,
      ),
    );
    const google = s.byModel.some((m) => m.modelApi === "google-generative-ai" && m.attempts > 1);
    if (google)
      out.push(
        signal(
          ctx,
          "google_native_retries",
          "same-model retries on google-generative-ai, whose Retry-After/RetryInfo OpenClaw does not read",
          line,
        ),
      );
    const constant = s.runSamples.find((r) => {
      const g = r.retryGapsMs;
      return g.length >= 3 && Math.min(...g) >= 500 && Math.max(...g) <= 1.2 * Math.min(...g);
    });
    if (constant)
      out.push(
        signal(
          ctx,
          "fixed_retry_backoff",
          `${runLabel(constant)}: retries every ~${seconds(constant.retryGapsMs[0] ?? 0)}, without growing`,
          line,
        ),
      );
  }
  const quick = s.runSamples.find(
    (r) =>
      r.errors > 0 &&
      r.sameModelRetries === 0 &&
      r.lastError !== null &&
      isLongWindowText(r.lastError),
  );
  if (quick)
    out.push(
      signal(
        ctx,
        "long_window_no_retry",
        `${runLabel(quick)} failed on ${quick.models[0] ?? "?"} without a same-model retry: OpenClaw read the error as a long-window quota`,
        line,
      ),
    );
  for (const group of s.errorGroups) {
    const wait = waitAskedMs(`${group.message}\n${group.body ?? ""}`);
    if (wait === null) continue;
    const run = s.runSamples.find(
      (r) =>
        r.lastError !== null &&
        group.message.startsWith(r.lastError.slice(0, 200)) &&
        r.retryGapsMs.length > 0,
    );
    const shortest = run ? Math.min(...run.retryGapsMs) : null;
    if (shortest !== null && shortest < 0.8 * wait) {
      out.push(
        signal(
          ctx,
          "retry_after_ignored",
          `the provider asked for ${seconds(wait)}; OpenClaw retried after ${seconds(shortest)}`,
          line,
        ),
      );
      break;
    }
  }
  if (s.fallbacks > 0)
    out.push(
      signal(
        ctx,
        "model_fallback_tried",
        `${s.fallbacks} attempts moved to a fallback model`,
        line,
      ),
    );
  const exhausted = s.runSamples.find((r) => r.models.length >= 2 && r.outcome === "error");
  if (exhausted)
    out.push(
      signal(
        ctx,
        "fallback_chain_exhausted",
        `${runLabel(exhausted)} failed on every model: ${exhausted.models.join(", ")}`,
        line,
      ),
    );
  if (s.successes > 0)
    out.push(
      signal(
        ctx,
        "session_succeeded",
        `${s.successes} attempt${s.successes === 1 ? "" : "s"} in the trace succeeded`,
        line,
      ),
    );
  if (s.errorGroups.some((g) => isCutErrorText(g.message)))
    out.push(
      signal(
        ctx,
        "error_text_truncated",
        "OpenClaw cut the provider's message in the trace (errorMessage ends in …)",
        line,
      ),
    );
  return out;
}

function sizeEvidence(s: TraceSummary, ctx: ExtractContext, line: number | undefined): Evidence[] {
  const out: Evidence[] = [];
  if (s.maxTokens)
    out.push({
      kind: "max_tokens",
      source: sourceAt(ctx, line),
      value: s.maxTokens.value,
      where: s.maxTokens.where,
    });
  else if ((s.stages["stream:context"] ?? 0) > 0)
    out.push(
      signal(
        ctx,
        "max_tokens_not_set",
        "no params.maxTokens in the stream options" +
          (s.modelOutputLimit !== null
            ? `; the model's catalog output limit is ${s.modelOutputLimit} (options.model.maxTokens)`
            : ""),
        line,
      ),
    );
  // Only measured sizes: the transcript as sent, and the system prompt unless OpenClaw redacted it.
  const { messagesChars, systemChars, inputTokens } = s.request;
  if (messagesChars !== null) {
    const history = tokens(messagesChars);
    out.push({
      kind: "request_size",
      source: sourceAt(ctx, line),
      tokens: history,
      what: "prompt",
    });
    const system =
      systemChars !== null
        ? tokens(systemChars)
        : s.redacted.oversized > 0
          ? REDACTED_SYSTEM_TOKENS
          : 0;
    const tools = (s.toolCount ?? 0) * TOKENS_PER_TOOL;
    if (history >= 8000 && history > system + tools)
      out.push(
        signal(
          ctx,
          "history_dominates",
          `the transcript is ~${history} tokens, more than the system prompt and tool schemas (~${system + tools}, estimated)`,
          line,
        ),
      );
  }
  if (systemChars !== null)
    out.push({
      kind: "request_size",
      source: sourceAt(ctx, line),
      tokens: tokens(systemChars),
      what: "system_prompt",
    });
  if (inputTokens !== null)
    out.push({
      kind: "request_size",
      source: sourceAt(ctx, line),
      tokens: inputTokens,
      what: "request",
    });
  return out;
}

/**
 * The evidence a cache-trace summary holds, whether it came from a paste or an attachment.
 * `lineOf` maps a summary line number (1-based) to the line in the message, when known.
 */
export function traceSummaryEvidence(
  s: TraceSummary,
  ctx: ExtractContext,
  lineOf: (summaryLine: number) => number | undefined = () => undefined,
): Evidence[] {
  const out: Evidence[] = [];
  const first = lineOf(1);
  if (s.events > 0) {
    const trace: TraceEvidence = {
      kind: "trace",
      source: sourceAt(ctx, first),
      runs: s.runs,
      attempts: s.attempts,
      errors: s.errors,
      toolCount: s.toolCount,
      maxTokens: s.maxTokens?.value ?? null,
      durationMs: s.spanMs,
    };
    out.push(trace);
    for (const m of s.byModel) {
      const ref = modelRefOf(m.provider, m.model, ctx, first);
      if (ref) out.push(ref);
    }
    for (const group of s.errorGroups.slice(0, MAX_PROVIDER_ERRORS)) {
      const at = lineOf(group.firstLine);
      const raw = matchProviderError(`${group.message}\n${group.body ?? ""}`, {
        ...ctx,
        source: sourceAt(ctx, at),
      });
      if (raw) out.push(raw);
    }
    out.push(...retrySignals(s, ctx, first), ...sizeEvidence(s, ctx, first));
  }
  if (s.malformed > 0) {
    const d = s.malformedDetail;
    const parts = [
      d.cut > 0 ? `${d.cut} cut mid-way` : "",
      d.invalid > 0 ? `${d.invalid} not valid JSON` : "",
      d.overlong > 0 ? `${d.overlong} too long to read` : "",
    ].filter(Boolean);
    out.push({
      kind: "unreadable",
      source: sourceAt(ctx, first),
      reason: `${s.malformed} cache-trace line${s.malformed === 1 ? "" : "s"} could not be read (${parts.join(", ")})`,
    });
  }
  return out;
}
