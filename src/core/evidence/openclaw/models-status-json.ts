import type { ExtractContext, Extractor } from "../extractor.js";
import type { Evidence } from "../types.js";
import { authStateEvidence, type ProfileCounts, type UnusableProfile } from "./auth-state.js";
import { findJsonObjects, isRecord } from "./lenient-json.js";
import { modelConfigEvidence } from "./model-config.js";
import { probeEvidence } from "./probe-signals.js";
import { lineAt } from "./signals.js";

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

/** Where the key came from, as a helper says it: "env: GEMINI_API_KEY", "profiles (1 api-key)". */
function authSourceOf(p: Record<string, unknown>): string | null {
  const env = str(rec(p.env).source);
  if (env) return env;
  const effective = rec(p.effective);
  const kind = str(effective.kind);
  if (kind === "profiles") {
    const c = rec(p.profiles);
    return `profiles (${num(c.count) ?? "?"}: ${num(c.oauth) ?? 0} oauth, ${num(c.token) ?? 0} token, ${num(c.apiKey) ?? 0} api-key)`;
  }
  if (kind === "models.json") return "models.json (key in config)";
  return kind;
}

function fromDocument(doc: Record<string, unknown>, ctx: ExtractContext, line: number): Evidence[] {
  const out: Evidence[] = [];
  const auth = isRecord(doc.auth) ? doc.auth : doc;
  const providers = list(auth.providers).filter(isRecord);
  if ("defaultModel" in doc || "fallbacks" in doc || providers.length > 0) {
    const authSources = providers.flatMap((p) => {
      const provider = str(p.provider);
      const source = authSourceOf(p);
      return provider && source ? [{ provider, source }] : [];
    });
    out.push(
      ...modelConfigEvidence(
        {
          defaultModel: str(doc.defaultModel) ?? str(doc.resolvedDefault),
          fallbacks: list(doc.fallbacks).flatMap((f) => (typeof f === "string" ? [f] : [])),
          authSources,
        },
        ctx,
        line,
      ),
    );
  }
  const counts: ProfileCounts[] = providers.flatMap((p) => {
    const provider = str(p.provider);
    const c = rec(p.profiles);
    return provider
      ? [
          {
            provider,
            count: num(c.count),
            oauth: num(c.oauth) ?? 0,
            token: num(c.token) ?? 0,
            apiKey: num(c.apiKey) ?? 0,
          },
        ]
      : [];
  });
  const unusable: UnusableProfile[] = list(auth.unusableProfiles)
    .filter(isRecord)
    .map((u) => {
      const until = num(u.until);
      return {
        provider: str(u.provider),
        profileId: str(u.profileId),
        kind: str(u.kind),
        reason: str(u.reason),
        remainingMs:
          num(u.remainingMs) ?? (until !== null ? Math.max(0, until - ctx.now.getTime()) : null),
      };
    });
  const oauthProviders = list(auth.providersWithOAuth).flatMap((p) =>
    typeof p === "string" ? [p] : [],
  );
  out.push(...authStateEvidence(unusable, counts, oauthProviders, ctx, line));
  const probes = rec(auth.probes);
  const timeoutMs = num(rec(probes.options).timeoutMs);
  for (const r of list(probes.results).filter(isRecord)) {
    out.push(
      ...probeEvidence(
        {
          provider: str(r.provider),
          model: str(r.model),
          status: str(r.status) ?? "unknown",
          error: str(r.error),
          latencyMs: num(r.latencyMs),
        },
        ctx,
        line,
        timeoutMs,
      ),
    );
  }
  return out;
}

/** `openclaw models status --json` (with or without --probe), whole or cut at the end. */
export const openclawModelsStatusJsonExtractor: Extractor = (text, ctx) => {
  if (!/"(?:defaultModel|unusableProfiles|probes|providersWithOAuth)"/.test(text)) return [];
  const out: Evidence[] = [];
  for (const doc of findJsonObjects(text, [
    "configPath",
    "agentDir",
    "defaultModel",
    "resolvedDefault",
    "auth",
    "storePath",
  ])) {
    const line = lineAt(text, doc.start);
    const evidence = fromDocument(doc.value, ctx, line);
    out.push(...evidence);
  }
  return out;
};
