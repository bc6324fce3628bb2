import { z } from "zod";
import type { Evidence, EvidenceOf, ProviderErrorEvidence } from "./evidence/types.js";
import { ErrorClass, ProviderId } from "./vocabulary.js";

const Source = z.object({
  message: z.number(),
  attachment: z.string().optional(),
  line: z.number().optional(),
});

export const RawErrorFact = z.object({
  signatureId: z.string().nullable(),
  provider: ProviderId.nullable(),
  status: z.number().nullable(),
  code: z.string().nullable(),
  message: z.string(),
  errorClass: ErrorClass.nullable(),
  retryable: z.boolean().nullable(),
  retryAfterSeconds: z.number().nullable(),
  resetAt: z.string().nullable(),
  quota: z
    .object({
      metric: z.string().optional(),
      id: z.string().optional(),
      value: z.number().optional(),
      window: z.string().optional(),
    })
    .nullable(),
  numbers: z
    .object({
      limit: z.number().optional(),
      used: z.number().optional(),
      requested: z.number().optional(),
    })
    .nullable(),
  model: z.string().nullable(),
  wrapper: z.string().nullable(),
  /** How specific the matched signature is, 0..1 (a bare "429 Too Many Requests" is low). */
  specificity: z.number(),
  excerpt: z.string(),
  source: Source,
});
export type RawErrorFact = z.infer<typeof RawErrorFact>;

/** Everything extracted from a thread, merged; later messages refine earlier ones. */
export const FactSheet = z.object({
  tool: z
    .object({
      id: z.string(),
      version: z.string().nullable(),
      commit: z.string().nullable(),
      confidence: z.number(),
    })
    .nullable(),
  provider: ProviderId.nullable(),
  /** "router": a router or platform (OpenRouter, Vertex, Bedrock, Azure) in front of the model's own provider. */
  providerFrom: z.enum(["raw_error", "model_ref", "mention", "router"]).nullable(),
  model: z.string().nullable(),
  modelRef: z.string().nullable(),
  failingModels: z.array(z.string()),
  workingModels: z.array(z.string()),
  rawErrors: z.array(RawErrorFact),
  rewrittenErrors: z.array(
    z.object({ tool: z.string(), text: z.string(), reason: z.string().nullable(), source: Source }),
  ),
  tier: z.object({ tier: z.string(), limits: z.record(z.string(), z.number()) }).nullable(),
  usage: z
    .object({
      tpm: z.number().optional(),
      rpm: z.number().optional(),
      rpd: z.number().optional(),
      percentOfLimit: z.number().optional(),
    })
    .nullable(),
  requestTokens: z.array(z.number()),
  maxTokens: z.number().nullable(),
  experiments: z.array(
    z.object({
      id: z.string(),
      outcome: z.string(),
      detail: z.string(),
      value: z.number().optional(),
      source: Source,
    }),
  ),
  signals: z.array(z.object({ id: z.string(), detail: z.string(), source: Source })),
  /** What people state about their situation (one per claim id, the first span that said it). */
  claims: z.array(
    z.object({ id: z.string(), language: z.string(), span: z.string(), source: Source }),
  ),
  retryHints: z.array(
    z.object({ seconds: z.number().nullable(), from: z.string(), resetAt: z.string().nullable() }),
  ),
  probes: z.array(
    z.object({
      provider: z.string().nullable(),
      model: z.string().nullable(),
      status: z.string(),
      error: z.string().nullable(),
    }),
  ),
  cooldowns: z.array(
    z.object({
      provider: z.string().nullable(),
      profileId: z.string().nullable(),
      reason: z.string().nullable(),
      remainingMs: z.number().nullable(),
    }),
  ),
  modelStatus: z
    .object({
      defaultModel: z.string().nullable(),
      fallbacks: z.array(z.string()),
      authSources: z.array(z.object({ provider: z.string(), source: z.string() })),
    })
    .nullable(),
  trace: z
    .object({
      runs: z.number(),
      attempts: z.number(),
      errors: z.number(),
      toolCount: z.number().nullable(),
      maxTokens: z.number().nullable(),
      durationMs: z.number().nullable(),
    })
    .nullable(),
  unreadable: z.array(z.object({ reason: z.string(), source: Source })),
});
export type FactSheet = z.infer<typeof FactSheet>;

function ofKind<K extends Evidence["kind"]>(
  evidence: readonly Evidence[],
  kind: K,
): Array<EvidenceOf<K>> {
  return evidence.filter((e): e is EvidenceOf<K> => e.kind === kind);
}

function last<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

function rawErrorFact(e: ProviderErrorEvidence): RawErrorFact {
  return {
    signatureId: e.signatureId,
    provider: e.provider,
    status: e.status,
    code: e.code,
    message: e.message,
    errorClass: e.errorClass,
    retryable: e.retryable,
    retryAfterSeconds: e.retryAfterSeconds,
    resetAt: e.resetAt,
    quota: e.quota,
    numbers: e.numbers,
    model: e.model,
    wrapper: e.wrapper,
    specificity: e.specificity,
    excerpt: e.excerpt,
    source: e.source,
  };
}

/** The tool named most strongly; its version from the latest message that gives one. */
function toolFact(evidence: readonly Evidence[]): FactSheet["tool"] {
  const versions = ofKind(evidence, "tool_version");
  const mentions = ofKind(evidence, "tool_mention");
  const strength = new Map<string, number>();
  for (const m of mentions) strength.set(m.tool, Math.max(strength.get(m.tool) ?? 0, m.strength));
  for (const v of versions) strength.set(v.tool, 1);
  const [best] = [...strength.entries()].sort((a, b) => b[1] - a[1]);
  if (!best) return null;
  const version = last(versions.filter((v) => v.tool === best[0]));
  return {
    id: best[0],
    version: version?.version ?? null,
    commit: version?.commit ?? null,
    confidence: best[1],
  };
}

/** The raw error that says the most: most specific first, the latest among equals. */
export function leadingRawError(
  rawErrors: readonly RawErrorFact[],
  specificity: (e: RawErrorFact) => number,
): RawErrorFact | null {
  let best: RawErrorFact | null = null;
  for (const e of rawErrors) if (best === null || specificity(e) >= specificity(best)) best = e;
  return best;
}

/** Generic signatures (a bare 429, an SDK's RateLimitError) stay below this specificity. */
const GENERIC_SPECIFICITY = 0.5;

function providerFact(
  evidence: readonly Evidence[],
  errors: readonly ProviderErrorEvidence[],
): Pick<FactSheet, "provider" | "providerFrom"> {
  const mentions = ofKind(evidence, "provider_mention").filter((m) => !m.works);
  const allRefs = ofKind(evidence, "model_ref").filter((r) => r.provider && !r.works);
  // The primary is what fails; fallbacks and alternatives are named too, but are not at issue.
  const primaryRefs = allRefs.filter((r) => !r.backup);
  const refs = primaryRefs.length > 0 ? primaryRefs : allRefs;
  const primaryMentions = mentions.filter((m) => !m.backup);
  const named = new Set<string>([
    ...mentions.map((m) => m.provider),
    ...allRefs.map((r) => r.provider ?? ""),
  ]);
  // Many products share wordings ("insufficient balance", "engine overloaded"): a body names
  // its provider unless the thread names others and never that one.
  const fromError = [...errors]
    .sort((a, b) => b.specificity - a.specificity)
    .find(
      (e) =>
        e.provider &&
        e.provider !== "unknown" &&
        (named.size === 0 || named.has(e.provider) || e.provider === "other"),
    );
  // A platform serving that vendor's models (Gemini on Vertex) is where the limit is.
  const platform = primaryMentions.find(
    (m) => fromError?.provider && m.fronts?.includes(fromError.provider),
  );
  if (platform) return { provider: platform.provider, providerFrom: "router" };
  // "Groq returns 413 …": the provider said to answer with the error, over the others routed to
  // and over a generic body's guess (below GENERIC_SPECIFICITY the body does not name its provider).
  const answering = mentions.filter((m) => m.answersWithError);
  const answeringOne = new Set(answering.map((m) => m.provider)).size === 1 ? answering[0] : null;
  const bodyNamesProvider = (fromError?.specificity ?? 0) >= GENERIC_SPECIFICITY;
  if (answeringOne && !bodyNamesProvider) {
    const platformOrRouter = answeringOne.routesOthers || (answeringOne.fronts?.length ?? 0) > 0;
    return {
      provider: answeringOne.provider,
      providerFrom: platformOrRouter ? "router" : "mention",
    };
  }
  // The endpoint the requests are configured to go to, over a generic body's guess.
  const endpoints = new Set(mentions.filter((m) => m.endpoint).map((m) => m.provider));
  const [endpoint] = endpoints;
  if (endpoints.size === 1 && endpoint && !bodyNamesProvider)
    return { provider: endpoint, providerFrom: "mention" };
  if (fromError?.provider) return { provider: fromError.provider, providerFrom: "raw_error" };
  // "deepseek/deepseek-chat through OpenRouter": the router's limits are the ones at issue.
  const router =
    primaryMentions.find((m) => m.routesOthers) ??
    refs.find((r) => r.ref.toLowerCase().startsWith("openrouter/"));
  if (router?.provider) return { provider: router.provider, providerFrom: "router" };
  // An explicit "provider/model" ref beats a bare model id; the first one the user names leads.
  const explicit = refs.find((r) => r.ref.includes("/")) ?? refs[0];
  if (explicit?.provider) return { provider: explicit.provider, providerFrom: "model_ref" };
  const counts = new Map<string, number>();
  for (const m of primaryMentions.length > 0 ? primaryMentions : mentions) {
    counts.set(m.provider, (counts.get(m.provider) ?? 0) + (m.source.message === 0 ? 2 : 1));
  }
  const [top] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (top) return { provider: top[0] as FactSheet["provider"], providerFrom: "mention" };
  const anyError = errors.find((e) => e.provider && e.provider !== "unknown");
  return anyError?.provider
    ? { provider: anyError.provider, providerFrom: "raw_error" }
    : { provider: null, providerFrom: null };
}

function modelFact(
  evidence: readonly Evidence[],
  errors: readonly ProviderErrorEvidence[],
  provider: string | null,
) {
  const refs = ofKind(evidence, "model_ref");
  const failing = refs.filter(
    (r) => !r.works && (provider === null || r.provider === provider || r.provider === null),
  );
  const fromError = errors.find((e) => e.model)?.model ?? null;
  const explicit = failing.find((r) => r.ref.includes("/"));
  const model = fromError ?? explicit?.model ?? failing[0]?.model ?? null;
  const ref =
    explicit && (fromError === null || explicit.model === fromError)
      ? explicit.ref
      : model && provider
        ? `${provider}/${model}`
        : null;
  return {
    model,
    modelRef: ref,
    failingModels: distinctModels(failing.map((r) => r.model)),
    workingModels: distinctModels(refs.filter((r) => r.works).map((r) => r.model)),
  };
}

/** "gemini-3-flash" (from prose) and "gemini-3-flash-preview" (an id) are one model: keep the id. */
function distinctModels(models: readonly string[]): string[] {
  const unique = [...new Set(models)];
  return unique.filter((m) => !unique.some((other) => other !== m && other.startsWith(`${m}-`)));
}

/** Merges evidence into one fact sheet. */
export function mergeFacts(evidence: readonly Evidence[]): FactSheet {
  const errors = ofKind(evidence, "provider_error");
  const provider = providerFact(evidence, errors);
  const tiers = ofKind(evidence, "tier");
  const tier = last(tiers.filter((t) => Object.keys(t.limits).length > 0)) ?? last(tiers);
  const usages = ofKind(evidence, "usage");
  const experiments = new Map<string, FactSheet["experiments"][number]>();
  for (const e of ofKind(evidence, "experiment")) {
    experiments.set(e.id, {
      id: e.id,
      outcome: e.outcome,
      detail: e.detail,
      source: e.source,
      ...(e.value === undefined ? {} : { value: e.value }),
    });
  }
  const signals = new Map<string, FactSheet["signals"][number]>();
  for (const s of ofKind(evidence, "signal"))
    if (!signals.has(s.id)) signals.set(s.id, { id: s.id, detail: s.detail, source: s.source });
  const claims = new Map<string, FactSheet["claims"][number]>();
  // The tool's canned warning ("your API key has run out of credits") is not the person's claim.
  const rewrites = ofKind(evidence, "rewritten_error");
  const insideRewrite = (c: EvidenceOf<"claim">) =>
    rewrites.some(
      (r) =>
        r.source.message === c.source.message &&
        r.text.toLowerCase().includes(c.span.toLowerCase()),
    );
  for (const c of ofKind(evidence, "claim"))
    if (!claims.has(c.id) && !insideRewrite(c))
      claims.set(c.id, { id: c.id, language: c.language, span: c.span, source: c.source });
  const lowered = ofKind(evidence, "experiment").find(
    (e) => e.id === "lower_max_tokens" && e.value !== undefined,
  );
  const maxTokens = last(ofKind(evidence, "max_tokens"))?.value ?? lowered?.value ?? null;
  const status = last(ofKind(evidence, "model_status"));
  const trace = last(ofKind(evidence, "trace"));
  return {
    tool: toolFact(evidence),
    ...provider,
    ...modelFact(evidence, errors, provider.providerFrom === "router" ? null : provider.provider),
    rawErrors: errors.map(rawErrorFact),
    rewrittenErrors: ofKind(evidence, "rewritten_error").map((r) => ({
      tool: r.tool,
      text: r.text,
      reason: r.reason,
      source: r.source,
    })),
    tier: tier ? { tier: tier.tier, limits: tier.limits } : null,
    usage:
      usages.length > 0
        ? Object.assign({}, ...usages.map(({ kind: _k, source: _s, ...u }) => u))
        : null,
    requestTokens: [...new Set(ofKind(evidence, "request_size").map((r) => r.tokens))],
    maxTokens,
    experiments: [...experiments.values()],
    signals: [...signals.values()],
    claims: [...claims.values()],
    retryHints: ofKind(evidence, "retry_hint").map(({ seconds, from, resetAt }) => ({
      seconds,
      from,
      resetAt,
    })),
    probes: ofKind(evidence, "probe").map(({ provider: p, model, status: st, error }) => ({
      provider: p,
      model,
      status: st,
      error,
    })),
    cooldowns: ofKind(evidence, "cooldown").map(
      ({ provider: p, profileId, reason, remainingMs }) => ({
        provider: p,
        profileId,
        reason,
        remainingMs,
      }),
    ),
    modelStatus: status
      ? {
          defaultModel: status.defaultModel,
          fallbacks: status.fallbacks,
          authSources: status.authSources,
        }
      : null,
    trace: trace
      ? {
          runs: trace.runs,
          attempts: trace.attempts,
          errors: trace.errors,
          toolCount: trace.toolCount,
          maxTokens: trace.maxTokens,
          durationMs: trace.durationMs,
        }
      : null,
    unreadable: ofKind(evidence, "unreadable").map((u) => ({ reason: u.reason, source: u.source })),
  };
}
