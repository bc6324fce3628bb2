import type { ErrorClass, ProviderId } from "../vocabulary.js";

/** Where a piece of evidence was found: message index (0-based), optional attachment and line. */
export interface EvidenceSource {
  message: number;
  attachment?: string;
  line?: number;
}

/** A raw provider error body or message, matched against the signature catalogue. */
export interface ProviderErrorEvidence {
  kind: "provider_error";
  source: EvidenceSource;
  /** The catalogue signature that matched, or null when only generic 429 markers were seen. */
  signatureId: string | null;
  provider: ProviderId | null;
  errorClass: ErrorClass | null;
  retryable: boolean | null;
  status: number | null;
  code: string | null;
  message: string;
  model: string | null;
  /** Seconds until a retry may succeed, as the error itself computes it (null when unknown or never). */
  retryAfterSeconds: number | null;
  /** Where the wait came from, e.g. "retryDelay", "try again in", "retry-after". */
  waitSource: string | null;
  /** ISO time the window resets, when known (midnight Pacific for Gemini per-day quotas, say). */
  resetAt: string | null;
  quota: {
    metric?: string;
    id?: string;
    value?: number;
    window?: "second" | "minute" | "hour" | "day" | "month";
  } | null;
  numbers: { limit?: number; used?: number; requested?: number } | null;
  /** SDK or tool wrapper around the body (litellm, python-sdk, openclaw, ...). */
  wrapper: string | null;
  /** How specific the match was, 0..1; a bare "429" is low. */
  specificity: number;
  /** A short redacted excerpt for reports. */
  excerpt: string;
}

/** A tool's own user-facing rewrite of the provider error (OpenClaw's "⚠️ API rate limit reached"). */
export interface RewrittenErrorEvidence {
  kind: "rewritten_error";
  source: EvidenceSource;
  tool: string;
  text: string;
  /** The failure reason the tool attached, when it says (rate_limit, overloaded, billing...). */
  reason: string | null;
}

export interface ToolVersionEvidence {
  kind: "tool_version";
  source: EvidenceSource;
  tool: string;
  version: string;
  commit: string | null;
}

/** The tool is named or implied (gateway logs, a command, a config key) without a version. */
export interface ToolMentionEvidence {
  kind: "tool_mention";
  source: EvidenceSource;
  tool: string;
  strength: number;
}

export interface ModelRefEvidence {
  kind: "model_ref";
  source: EvidenceSource;
  provider: ProviderId | null;
  model: string;
  /** As written, e.g. "google/gemini-3-flash-preview". */
  ref: string;
  /** The user says this one works (e.g. "Currently on Claude (works fine)"). */
  works: boolean;
  /** Named as a fallback or an alternative, not as the one failing. */
  backup?: boolean;
}

export interface ProviderMentionEvidence {
  kind: "provider_mention";
  source: EvidenceSource;
  provider: ProviderId;
  works: boolean;
  /** Named as a fallback or an alternative, not as the one failing. */
  backup?: boolean;
  /** The vendors a platform serves under its own limits (Vertex: google). */
  fronts?: string[];
  /** A router in front of other providers (OpenRouter): its limits are the ones at issue. */
  routesOthers?: boolean;
  /** Named as the one answering with the error ("Groq returns 413 …"). */
  answersWithError?: boolean;
  /** The host of the endpoint the requests go to ("baseUrl: https://api.x.com/v1"). */
  endpoint?: boolean;
}

export interface TierEvidence {
  kind: "tier";
  source: EvidenceSource;
  tier: string;
  limits: { rpm?: number; tpm?: number; rpd?: number; itpm?: number; otpm?: number };
}

export interface UsageEvidence {
  kind: "usage";
  source: EvidenceSource;
  tpm?: number;
  rpm?: number;
  rpd?: number;
  /** The largest share of a limit the user reports using, 0..100. */
  percentOfLimit?: number;
}

export interface RequestSizeEvidence {
  kind: "request_size";
  source: EvidenceSource;
  tokens: number;
  what: "context" | "prompt" | "request" | "tool_schemas" | "system_prompt";
}

export interface MaxTokensEvidence {
  kind: "max_tokens";
  source: EvidenceSource;
  value: number;
  where: string;
}

export type ExperimentOutcome = "helped" | "no_effect" | "works" | "fails";

/** Something the user tried, with what happened. */
export interface ExperimentEvidence {
  kind: "experiment";
  source: EvidenceSource;
  id: string;
  outcome: ExperimentOutcome;
  detail: string;
  value?: number;
}

/** A situational fact that moves hypotheses (started yesterday, home machine, others affected). */
export interface SignalEvidence {
  kind: "signal";
  source: EvidenceSource;
  id: string;
  detail: string;
}

/** Something the user states about their situation, in any language, with the words it came from. */
export interface ClaimEvidence {
  kind: "claim";
  source: EvidenceSource;
  /** "window=minute", "tool_defect=cooldown_scope", "incident". */
  id: string;
  /** The lexicon's language that matched ("en", "zh", ...). */
  language: string;
  /** The matched words (redacted text), for the reply and the report. */
  span: string;
}

/** A wait hint from headers or text outside a recognised error body. */
export interface RetryHintEvidence {
  kind: "retry_hint";
  source: EvidenceSource;
  seconds: number | null;
  from: string;
  resetAt: string | null;
}

/** HTTP status line or response headers pasted from curl -D - or similar. */
export interface HttpHeadersEvidence {
  kind: "http_headers";
  source: EvidenceSource;
  status: number | null;
  headers: Record<string, string>;
}

/** A probe or models-status result from the tool (OpenClaw `models status --probe`). */
export interface ProbeEvidence {
  kind: "probe";
  source: EvidenceSource;
  provider: ProviderId | null;
  model: string | null;
  status: string;
  error: string | null;
}

/** The tool reports an auth profile or provider in cooldown. */
export interface CooldownEvidence {
  kind: "cooldown";
  source: EvidenceSource;
  provider: ProviderId | null;
  profileId: string | null;
  reason: string | null;
  remainingMs: number | null;
}

/** The model configuration as the tool prints it (default model, fallbacks, auth source). */
export interface ModelStatusEvidence {
  kind: "model_status";
  source: EvidenceSource;
  defaultModel: string | null;
  fallbacks: string[];
  authSources: Array<{ provider: string; source: string }>;
}

/** Summary of a pasted or attached cache trace. */
export interface TraceEvidence {
  kind: "trace";
  source: EvidenceSource;
  runs: number;
  attempts: number;
  errors: number;
  toolCount: number | null;
  maxTokens: number | null;
  durationMs: number | null;
}

/** A part of the input that could not be read, with the reason; the reply says so. */
export interface UnreadableEvidence {
  kind: "unreadable";
  source: EvidenceSource;
  reason: string;
  bytes?: number;
}

export type Evidence =
  | ProviderErrorEvidence
  | RewrittenErrorEvidence
  | ToolVersionEvidence
  | ToolMentionEvidence
  | ModelRefEvidence
  | ProviderMentionEvidence
  | TierEvidence
  | UsageEvidence
  | RequestSizeEvidence
  | MaxTokensEvidence
  | ExperimentEvidence
  | SignalEvidence
  | ClaimEvidence
  | RetryHintEvidence
  | HttpHeadersEvidence
  | ProbeEvidence
  | CooldownEvidence
  | ModelStatusEvidence
  | TraceEvidence
  | UnreadableEvidence;

export type EvidenceKind = Evidence["kind"];
export type EvidenceOf<K extends EvidenceKind> = Extract<Evidence, { kind: K }>;
