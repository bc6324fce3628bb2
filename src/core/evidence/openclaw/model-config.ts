import type { ExtractContext } from "../extractor.js";
import type { Evidence, ModelStatusEvidence } from "../types.js";
import { modelRefEvidence, splitRef } from "./provider-ref.js";
import { signal, sourceAt } from "./signals.js";

export interface ModelConfig {
  defaultModel: string | null;
  fallbacks: string[];
  authSources: Array<{ provider: string; source: string }>;
}

/**
 * The model setup and what it says about fallbacks: none configured (a rate limit fails the turn)
 * or all on the primary's provider (they share its key and project, so a quota or billing limit
 * on the provider stops them too).
 */
export function modelConfigEvidence(
  config: ModelConfig,
  ctx: ExtractContext,
  line: number,
): Evidence[] {
  const status: ModelStatusEvidence = {
    kind: "model_status",
    source: sourceAt(ctx, line),
    defaultModel: config.defaultModel,
    fallbacks: config.fallbacks,
    authSources: config.authSources,
  };
  const out: Evidence[] = [status];
  for (const ref of [config.defaultModel, ...config.fallbacks]) {
    const evidence = ref ? modelRefEvidence(ref, ctx, line) : null;
    if (evidence) out.push(evidence);
  }
  if (config.defaultModel) {
    const primary = splitRef(config.defaultModel)?.provider ?? null;
    if (config.fallbacks.length === 0)
      out.push(
        signal(ctx, "no_fallback_configured", `${config.defaultModel} has no fallback model`, line),
      );
    else if (primary && config.fallbacks.every((f) => splitRef(f)?.provider === primary))
      out.push(
        signal(
          ctx,
          "fallback_same_provider",
          `fallbacks ${config.fallbacks.join(", ")} are all on ${primary}, like ${config.defaultModel}`,
          line,
        ),
      );
  }
  return out;
}
