import { isCutErrorText, isLongWindowText, isOverloadText } from "../../trace/error-text.js";
import type { ExtractContext } from "../extractor.js";
import { matchProviderError } from "../provider-errors.js";
import type { Evidence, ProbeEvidence } from "../types.js";
import { providerIdOf, splitRef } from "./provider-ref.js";
import { signal, sourceAt } from "./signals.js";

/** One `models status --probe` result, as the JSON and the plain table both give it. */
export interface ProbeResult {
  provider: string | null;
  /** The ref as printed ("google/gemini-2.5-flash"). */
  model: string | null;
  status: string;
  error: string | null;
  latencyMs: number | null;
}

const STATUSES = new Set([
  "ok",
  "rate_limit",
  "auth",
  "billing",
  "timeout",
  "format",
  "unknown",
  "no_model",
]);

/**
 * A probe and what it implies. The probe runs OpenClaw's own retry loop, so its latency shows
 * whether the same-model retries ran (146 s for a plain 429 with an 8 s timeout) or the error was
 * taken as a long-window quota (4 s). It also maps a 503 to `rate_limit`.
 */
export function probeEvidence(
  probe: ProbeResult,
  ctx: ExtractContext,
  line: number,
  timeoutMs: number | null,
): Evidence[] {
  const ref = probe.model ? splitRef(probe.model) : null;
  const status = STATUSES.has(probe.status) ? probe.status : "unknown";
  const evidence: ProbeEvidence = {
    kind: "probe",
    source: sourceAt(ctx, line),
    provider: providerIdOf(probe.provider ?? ref?.provider ?? null, ctx.kb),
    model: ref?.model ?? null,
    status,
    error: probe.error,
  };
  const out: Evidence[] = [evidence];
  const error = probe.error ?? "";
  const target = probe.model ?? probe.provider ?? "the probe";
  const seconds = probe.latencyMs === null ? null : Math.round(probe.latencyMs / 100) / 10;
  if (probe.error) {
    const raw = matchProviderError(probe.error, { ...ctx, source: sourceAt(ctx, line) });
    if (raw) out.push(raw);
    if (isCutErrorText(error))
      out.push(
        signal(ctx, "error_text_truncated", `the probe of ${target} shows a cut message`, line),
      );
  }
  if (status === "auth")
    out.push(signal(ctx, "probe_auth_fails", `${target}: ${error || "auth"}`, line));
  if (status === "rate_limit" && isOverloadText(error))
    out.push(
      signal(
        ctx,
        "overloaded_counted_as_rate_limit",
        `the probe of ${target} reports an overload as rate_limit`,
        line,
      ),
    );
  if (status === "rate_limit" && probe.latencyMs !== null) {
    if (isLongWindowText(error) && probe.latencyMs < 15_000)
      out.push(
        signal(
          ctx,
          "long_window_no_retry",
          `the probe of ${target} failed in ${seconds} s: no same-model retry (long-window quota text)`,
          line,
        ),
      );
    else if (probe.latencyMs > 60_000)
      out.push(
        signal(
          ctx,
          "same_model_retries",
          `the probe of ${target} took ${seconds} s: OpenClaw's same-model retry loop ran inside it`,
          line,
        ),
      );
  }
  if (timeoutMs !== null && probe.latencyMs !== null && probe.latencyMs > 3 * timeoutMs)
    out.push(
      signal(
        ctx,
        "probe_exceeded_timeout",
        `${target}: ${seconds} s, with a probe timeout of ${timeoutMs / 1000} s`,
        line,
      ),
    );
  return out;
}
