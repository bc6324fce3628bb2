import type { Knowledge } from "../../../knowledge/knowledge.js";
import type { ProviderId } from "../../vocabulary.js";
import type { ExtractContext } from "../extractor.js";
import type { ModelRefEvidence } from "../types.js";
import { sourceAt } from "./signals.js";

/**
 * The contract provider for an OpenClaw provider id ("google", "google-gemini-cli",
 * "openai-codex"), from the providers' ref prefixes in data/providers.json; null when it is not
 * one of the contract's providers (lmstudio, vllm, a custom id).
 */
export function providerIdOf(name: string | null | undefined, kb: Knowledge): ProviderId | null {
  if (!name) return null;
  const id = name.trim().toLowerCase();
  for (const p of kb.providers) {
    if (p.id === id || p.refPrefixes.includes(`${id}/`)) return p.id;
  }
  return null;
}

export interface ModelRef {
  provider: string | null;
  model: string;
  ref: string;
}

/** Splits an OpenClaw model ref at the first "/", dropping an "@<authProfile>" pin. */
export function splitRef(raw: string): ModelRef | null {
  const ref = raw.trim().replace(/@[\w:.-]+$/, "");
  if (!/^[\w.:-]+(?:\/[\w.:@-]+)+$/.test(ref) && !/^[\w.:-]+$/.test(ref)) return null;
  const slash = ref.indexOf("/");
  if (slash < 0) return { provider: null, model: ref, ref };
  return { provider: ref.slice(0, slash), model: ref.slice(slash + 1), ref };
}

export function modelRefEvidence(
  raw: string,
  ctx: ExtractContext,
  line?: number,
): ModelRefEvidence | null {
  const parts = splitRef(raw);
  if (!parts || parts.model === "" || parts.model === "?") return null;
  return {
    kind: "model_ref",
    source: sourceAt(ctx, line),
    provider: providerIdOf(parts.provider, ctx.kb),
    model: parts.model,
    ref: parts.ref,
    works: false,
  };
}

/** A provider/model pair as OpenClaw logs them separately ("provider=google model=gemini-2.5-flash"). */
export function modelRefOf(
  provider: string | null,
  model: string | null,
  ctx: ExtractContext,
  line?: number,
): ModelRefEvidence | null {
  if (!model) return null;
  return modelRefEvidence(
    provider && !model.includes("/") ? `${provider}/${model}` : model,
    ctx,
    line,
  );
}
