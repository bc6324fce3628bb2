import type { ExtractContext } from "../extractor.js";
import type { EvidenceSource, SignalEvidence } from "../types.js";

/**
 * The signal ids the OpenClaw extractors emit, with what each means. Hypotheses, mitigations and
 * known issues refer to them as `signal:<id>`.
 */
export const OPENCLAW_SIGNALS = {
  same_model_retries: "OpenClaw retried the same model (detail: how many times, over how long)",
  long_window_no_retry:
    "OpenClaw treated the error as a long-window quota and did not retry the same model",
  fallback_chain_exhausted: "every model of the fallback chain failed",
  model_fallback_tried: "a run moved to a fallback model",
  no_fallback_configured: "OpenClaw had no fallback model to move to",
  fallback_same_provider:
    "the fallback models are on the primary's provider (same key and project quota)",
  all_profiles_in_cooldown: "every auth profile of a provider is in cooldown",
  oauth_profile_in_cooldown: "an OAuth/token profile is in cooldown",
  profile_rotated: "OpenClaw rotated to another auth profile after the failure",
  tool_schemas_dominate: "tool schemas are the largest part of the request",
  history_dominates: "the transcript is the largest part of the request",
  system_prompt_dominates: "the system prompt (workspace files, skills) is the largest part",
  bootstrap_truncated: "workspace files were cut to the bootstrap limits",
  max_tokens_not_set: "no per-model maxTokens: the request carries no output cap of the user's",
  probe_auth_fails: "`models status --probe` reports an auth failure (invalid key)",
  probe_exceeded_timeout: "a probe ran far past its timeout (it went through the retry loop)",
  session_succeeded: "a session turn succeeded (sessions work)",
  overloaded_counted_as_rate_limit: "a 503/overloaded error was labelled rate_limit",
  retry_after_ignored: "OpenClaw retried sooner than the provider asked",
  google_native_retries:
    "same-model retries on Google's native API, whose Retry-After/RetryInfo OpenClaw does not read",
  fixed_retry_backoff: "retries came at a constant interval (no exponential backoff)",
  error_text_truncated: "OpenClaw cut the provider's message: the full error body is not shown",
  timeout_in_fallback_chain: "a candidate of the fallback chain failed with a timeout",
  codex_model: "an openai-codex model is in use",
  fetch_failed_shown: "the user sees 'fetch failed' where the provider's error should be",
  cooldown_reset_on_retry: "the cooldown starts again on every retry (reported in prose)",
  tool_profile_configured: "a tool profile is set for a provider (tools.byProvider.<p>.profile)",
} as const;

export type OpenclawSignalId = keyof typeof OPENCLAW_SIGNALS;

/** The evidence source, with the 1-based line when the extractor knows it. */
export function sourceAt(ctx: ExtractContext, line?: number): EvidenceSource {
  return line === undefined ? ctx.source : { ...ctx.source, line };
}

export function signal(
  ctx: ExtractContext,
  id: OpenclawSignalId,
  detail: string,
  line?: number,
): SignalEvidence {
  return { kind: "signal", source: sourceAt(ctx, line), id, detail };
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
