import type { CompiledSignature, Knowledge } from "../../knowledge/knowledge.js";
import type { ProviderId } from "../vocabulary.js";
import {
  readCode,
  readLimitNumbers,
  readMessage,
  readQuota,
  readStatus,
  unescapeJsonish,
} from "./error-fields.js";
import {
  type ExtractContext,
  NOTHING_AT_ANY_TIME,
  type StagedExtractor,
  staged,
  type TimelessContext,
} from "./extractor.js";
import { cleanModel } from "./model-evidence.js";
import { literalGate } from "./required-literals.js";
import type { ProviderErrorEvidence } from "./types.js";
import { readWait } from "./wait-rules.js";

const EXCERPT_CHARS = 600;

function signatureMatches(
  sig: CompiledSignature,
  text: string,
  mayMatch: ReturnType<typeof literalGate>,
): boolean {
  // A text lacking the literals of an `all` pattern, or of every `any` one, cannot match: its
  // patterns are neither run nor, in a lazy load, compiled.
  const needs = sig.needs;
  if (needs && !needs.all.every(mayMatch)) return false;
  if (needs && needs.any.length > 0 && !needs.any.some(mayMatch)) return false;
  if (!sig.all.every((p) => p.test(text))) return false;
  if (sig.any.length > 0 && !sig.any.some((p) => p.test(text))) return false;
  return !sig.none.some((p) => p.test(text));
}

/** The most specific signature that matches; ties go to the one listed first. */
export function bestSignature(text: string, kb: Knowledge): CompiledSignature | null {
  let best: CompiledSignature | null = null;
  const mayMatch = literalGate(text);
  for (const sig of kb.signatures) {
    if (
      (best === null || sig.specificity > best.specificity) &&
      signatureMatches(sig, text, mayMatch)
    )
      best = sig;
  }
  return best;
}

function modelOf(raw: string | null | undefined): string | null {
  return raw ? cleanModel(raw) || null : null;
}

/** The provider a text names most specifically: a model id beats a host beats a word. */
export function providerNamedIn(text: string, kb: Knowledge): ProviderId | null {
  for (const p of kb.providers) if (p.models.some((m) => m.test(text))) return p.id;
  for (const p of kb.providers) if (p.names.some((m) => m.test(text))) return p.id;
  return null;
}

function modelNamedIn(text: string, kb: Knowledge): string | null {
  for (const p of kb.providers) {
    for (const m of p.models) {
      const found = m.exec(text);
      if (found) return found[0].replace(/[.,:;]+$/, "");
    }
  }
  return null;
}

/** Lines around the first match of the signature, so a report quotes the error, not the whole paste. */
function excerptOf(text: string, anchor: RegExp | undefined): string {
  const at = anchor ? Math.max(0, text.search(anchor)) : 0;
  const start = Math.max(0, text.lastIndexOf("\n", Math.max(0, at - 200)) + 1);
  const slice = text.slice(start, start + EXCERPT_CHARS);
  return slice.length < text.length - start ? `${slice}…` : slice;
}

/**
 * The line the signature matched on, for a body without a message field: never the thread's
 * title or the prose above it, which the excerpt may include for context.
 */
function lineOf(text: string, anchor: RegExp | undefined): string {
  const at = anchor ? Math.max(0, text.search(anchor)) : 0;
  const start = text.lastIndexOf("\n", at) + 1;
  const end = text.indexOf("\n", at);
  return text.slice(start, end === -1 ? undefined : end).trim();
}

type QuotaWindow = NonNullable<CompiledSignature["window"]>;

/** Google's quotaId names its window; it beats the signature's default. */
function windowOf(sig: CompiledSignature, quotaId: string | undefined): QuotaWindow | undefined {
  if (quotaId) {
    if (/PerDay/i.test(quotaId)) return "day";
    if (/PerMinute/i.test(quotaId)) return "minute";
  }
  return sig.window;
}

/**
 * Matches one piece of text (a message, a log line's error field, a probe's error) against the
 * signature catalogue and reads what the body says: status, code, quota, numbers, model, wait.
 */
export function matchProviderError(
  text: string,
  ctx: ExtractContext,
): ProviderErrorEvidence | null {
  return readProviderError(text, ctx)?.(ctx.now) ?? null;
}

/**
 * The same, read once for any analysis time: only the wait (a reset time from "retry in 20 s",
 * or seconds until a stated reset) is left to work out when the time is known.
 */
export function readProviderError(
  text: string,
  ctx: TimelessContext,
): ((now: Date) => ProviderErrorEvidence) | null {
  const norm = unescapeJsonish(text);
  const sig = bestSignature(norm, ctx.kb);
  if (!sig) return null;
  const quota = readQuota(norm);
  const { numbers, model: extractedModel } = readLimitNumbers(norm, sig.extract);
  const waitAt = readWait(sig.wait, norm);
  const provider = sig.provider === "unknown" ? providerNamedIn(norm, ctx.kb) : sig.provider;
  const window = windowOf(sig, quota.id);
  const quotaOut: NonNullable<ProviderErrorEvidence["quota"]> = {};
  if (quota.metric) quotaOut.metric = quota.metric;
  if (quota.id) quotaOut.id = quota.id;
  if (quota.value !== undefined) quotaOut.value = quota.value;
  if (window) quotaOut.window = window;
  const hasNumbers = Object.keys(numbers).length > 0;
  const source = ctx.source;
  const status = readStatus(norm);
  const code = readCode(norm);
  const message = readMessage(norm) ?? lineOf(norm, sig.all[0]);
  const model = modelOf(extractedModel ?? quota.model ?? modelNamedIn(norm, ctx.kb));
  const wrapper = wrapperOf(norm);
  const excerpt = excerptOf(norm, sig.all[0]);
  return (now) => {
    const wait = waitAt(now);
    return {
      kind: "provider_error",
      source,
      signatureId: sig.id,
      provider,
      errorClass: sig.errorClass,
      retryable: sig.retryable ?? retryableFromNumbers(numbers),
      status,
      code,
      message,
      model,
      retryAfterSeconds: wait.seconds,
      waitSource: wait.from,
      resetAt: wait.resetAt,
      quota: Object.keys(quotaOut).length > 0 ? quotaOut : null,
      numbers: hasNumbers ? numbers : null,
      wrapper,
      specificity: sig.specificity,
      excerpt,
    };
  };
}

/**
 * Where the body leaves retryability open (xAI "actual/limit", Moonshot "current: X, limit: Y"),
 * the numbers decide, as those providers document: over the limit, waiting does not help.
 */
function retryableFromNumbers(numbers: {
  limit?: number;
  used?: number;
  requested?: number;
}): boolean | null {
  if (numbers.limit === undefined) return null;
  if (numbers.requested !== undefined && numbers.requested > numbers.limit) return false;
  if (numbers.used !== undefined) return numbers.used <= numbers.limit;
  return null;
}

const WRAPPERS: Array<[RegExp, string]> = [
  [/litellm\.\w+Error/u, "litellm"],
  [/AI_RetryError|AI_APICallError/u, "vercel-ai-sdk"],
  [/\bError code: \d{3} - \{'/u, "python-sdk"],
  [/\b(?:openai|anthropic|groq)\.\w*Error\b/u, "python-sdk"],
  [/\bRateLimitError:/u, "sdk"],
  [
    /google\.genai\.errors|google\.api_core\.exceptions|\[GoogleGenerativeAI Error\]/u,
    "google-sdk",
  ],
  [/botocore|\$metadata/u, "aws-sdk"],
  [/Google Generative AI API error|\[code=[A-Z_]+\]/u, "openclaw"],
  [/API Error \(\d{3} |API Error: \d{3}/u, "claude-code"],
];

function wrapperOf(text: string): string | null {
  for (const [pattern, name] of WRAPPERS) if (pattern.test(text)) return name;
  return null;
}

/** Every message or attachment is one candidate: the best signature in it wins. */
export const providerErrorExtractor: StagedExtractor = staged((text, ctx) => {
  const found = readProviderError(text, ctx);
  return found ? (now) => [found(now)] : NOTHING_AT_ANY_TIME;
});
