import type { Extractor } from "../extractor.js";
import type { Evidence } from "../types.js";
import { modelConfigEvidence } from "./model-config.js";
import { lineAt, signal, sourceAt } from "./signals.js";

const TRIGGER = /\bagents"?\s*:\s*\{[\s\S]{0,400}\bdefaults\b|\bbyProvider\b/u;
const PRIMARY = /"?primary"?\s*:\s*"([\w.:-]+\/[\w.:@/-]+)"/u;
const FALLBACKS = /"?fallbacks"?\s*:\s*\[([^\]]*)\]/u;
const PARAMS_MAX =
  /(?:"([\w.:-]+\/[\w.:-]+)"\s*:\s*\{\s*)?"?params"?\s*:\s*\{[^{}]*?"?maxTokens"?\s*:\s*(\d+)/gu;
const PROFILE =
  /"?byProvider"?\s*:\s*\{\s*"?([\w./-]+)"?\s*:\s*\{[^{}]*?"?profile"?\s*:\s*"(\w+)"/gu;

/**
 * A pasted `~/.openclaw/openclaw.json` (JSON5): the model chain, per-model output caps
 * (`agents.defaults.models[ref].params.maxTokens`; a model row's catalog `maxTokens` is not a cap)
 * and the tool profile per provider.
 */
export const openclawConfigExtractor: Extractor = (text, ctx) => {
  if (!TRIGGER.test(text)) return [];
  const out: Evidence[] = [];
  const primary = PRIMARY.exec(text);
  if (primary?.[1]) {
    const list = FALLBACKS.exec(text);
    const fallbacks = list?.[1]
      ? [...list[1].matchAll(/"([^"]+)"/gu)].map((m) => m[1] ?? "").filter(Boolean)
      : [];
    out.push(
      ...modelConfigEvidence(
        { defaultModel: primary[1], fallbacks, authSources: [] },
        ctx,
        lineAt(text, primary.index),
      ),
    );
  }
  for (const m of text.matchAll(PARAMS_MAX)) {
    const where = m[1] ? `agents.defaults.models["${m[1]}"].params.maxTokens` : "params.maxTokens";
    out.push({
      kind: "max_tokens",
      source: sourceAt(ctx, lineAt(text, m.index ?? 0)),
      value: Number(m[2]),
      where,
    });
  }
  for (const m of text.matchAll(PROFILE)) {
    out.push(
      signal(
        ctx,
        "tool_profile_configured",
        `tools.byProvider.${m[1]}.profile = ${m[2]}`,
        lineAt(text, m.index ?? 0),
      ),
    );
  }
  return out;
};
