import type { CompiledProvider, Knowledge } from "../../knowledge/knowledge.js";
import type { ProviderId } from "../vocabulary.js";
import type { Extractor } from "./extractor.js";
import type { Evidence } from "./types.js";

/** A sentence saying something works ("Currently on Claude (works fine)") marks its models as working. */
const WORKS = /\b(?:works? fine|works|working fine|no (?:issues|problems|429s?)|is fine|fine\))/iu;
const FAILS = /\b(?:429|fail|error|exhausted|rate.?limit)/iu;

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/u).filter((s) => s.trim() !== "");
}

function providerOfRef(ref: string, kb: Knowledge): CompiledProvider | undefined {
  const lower = ref.toLowerCase();
  return kb.providers.find((p) => p.refPrefixes.some((prefix) => lower.startsWith(prefix)));
}

const REF = /\b([a-z][\w-]{1,30})\/([a-z0-9][\w.:-]{1,80}(?:\/[\w.:-]{1,80})?)(?:@[\w:-]+)?/giu;

/** Model refs ("google/gemini-3-flash-preview"), bare model ids, and provider names in prose. */
export const modelExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  const seenModels = new Set<string>();
  const providersSeen = new Map<ProviderId, boolean>();
  for (const sentence of sentencesOf(text)) {
    const works = WORKS.test(sentence) && !FAILS.test(sentence);
    for (const m of sentence.matchAll(REF)) {
      const provider = providerOfRef(m[0], ctx.kb);
      if (!provider || /^https?:/iu.test(sentence.slice(Math.max(0, (m.index ?? 0) - 8), m.index)))
        continue;
      const model = (m[2] ?? "").replace(/[.,:;)]+$/u, "");
      if (seenModels.has(model)) continue;
      seenModels.add(model);
      out.push({
        kind: "model_ref",
        source: ctx.source,
        provider: provider.id,
        model,
        ref: `${m[1]}/${model}`,
        works,
      });
    }
    for (const provider of ctx.kb.providers) {
      for (const pattern of provider.models) {
        const found = new RegExp(pattern.source, "giu");
        for (const m of sentence.matchAll(found)) {
          const model = m[0].replace(/[.,:;)]+$/u, "");
          if (seenModels.has(model)) continue;
          seenModels.add(model);
          out.push({
            kind: "model_ref",
            source: ctx.source,
            provider: provider.id,
            model,
            ref: model,
            works,
          });
        }
      }
      if (provider.names.some((p) => p.test(sentence)) && !providersSeen.has(provider.id)) {
        providersSeen.set(provider.id, works);
        out.push({ kind: "provider_mention", source: ctx.source, provider: provider.id, works });
      }
    }
  }
  return out;
};
