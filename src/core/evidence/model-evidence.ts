import type { CompiledProvider, Knowledge } from "../../knowledge/knowledge.js";
import type { ProviderId } from "../vocabulary.js";
import type { Extractor } from "./extractor.js";
import type { Evidence } from "./types.js";

/** A sentence saying something works ("Currently on Claude (works fine)") marks its models as working. */
const WORKS = /\b(?:works? fine|works|working fine|no (?:issues|problems|429s?)|is fine|fine\))/i;
const FAILS = /\b(?:429|fail|error|exhausted|rate.?limit)/i;
const SENTENCE_END = /(?<![eE]\.[gG]\.|[iI]\.[eE]\.)(?<=[.!?])\s+|\n+/g;
/** A sentence about the fallbacks or an alternative names a backup, not the provider at issue. */
const BACKUP =
  /\b(?:fallbacks?|backups?|alternatives?|alternative provider|switch(?:ing|ed)? to|instead|secondary|fail(?:ing)? ?over to)\b/i;

const PRIMARY = /\bprimary\b/i;
/**
 * Right after a provider's name: it is the one answering with the error ("Groq returns 413 …",
 * "Anthropic answered with a 429"), whatever else the thread routes through.
 */
const ANSWERS_WITH_ERROR =
  /^['’]?s?\W{0,3}(?:\S+\s+){0,2}?(?:returns?|returned|answers?|answered|responds?|responded|repl(?:y|ies|ied)|throws?|threw|gives?|gave|sends? back|sent back|comes? back with|came back with)\b[^.\n]{0,40}?(?:\b[45]\d\d\b|\berror|\brate.?limit|\btoo large\b|\bthrottl|\bquota\b|\bexhausted\b)/i;

interface Sentence {
  start: number;
  end: number;
  works: boolean;
  backup: boolean;
}

function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const s = text.slice(start, end);
    out.push({
      start,
      end,
      works: WORKS.test(s) && !FAILS.test(s),
      backup: BACKUP.test(s) && !PRIMARY.test(s),
    });
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

/** The sentence containing an offset (binary search: sentences are in order). */
function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (!s) break;
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

const globalCache = new WeakMap<RegExp, RegExp>();
function globalOf(pattern: RegExp): RegExp {
  let g = globalCache.get(pattern);
  if (!g) {
    g = new RegExp(
      pattern.source,
      pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`,
    );
    globalCache.set(pattern, g);
  }
  g.lastIndex = 0;
  return g;
}

function providerOfRef(ref: string, kb: Knowledge): CompiledProvider | undefined {
  const lower = ref.toLowerCase();
  return kb.providers.find((p) => p.refPrefixes.some((prefix) => lower.startsWith(prefix)));
}

const REF = /\b([a-z][\w-]{1,30})\/([a-z0-9][\w.:-]{1,80}(?:\/[\w.:-]{1,80})?)(?:@[\w:-]+)?/gi;

/**
 * "Gemini 2.5 Pro" in prose is the model id gemini-2.5-pro; a sentence's full stop after an id
 * ("model: gemini-2.5-flash.") is not part of it.
 */
export function cleanModel(raw: string): string {
  const trimmed = raw.replace(/[.,:;)]+$/, "");
  return /\s/.test(trimmed) ? trimmed.toLowerCase().replace(/\s+/g, "-") : trimmed;
}

/** Model refs ("google/gemini-3-flash-preview"), bare model ids, and provider names in prose. */
export const modelExtractor: Extractor = (text, ctx) => {
  const sentences = sentencesOf(text);
  const worksAt = (offset: number) => sentenceAt(sentences, offset)?.works ?? false;
  const backupAt = (offset: number) => sentenceAt(sentences, offset)?.backup ?? false;
  const found: Array<{ at: number; evidence: Evidence }> = [];
  const seenModels = new Set<string>();
  const addModel = (at: number, provider: ProviderId, model: string, ref: string) => {
    if (seenModels.has(model)) return;
    seenModels.add(model);
    found.push({
      at,
      evidence: {
        kind: "model_ref",
        source: ctx.source,
        provider,
        model,
        ref,
        works: worksAt(at),
        ...(backupAt(at) ? { backup: true } : {}),
      },
    });
  };
  for (const m of text.matchAll(REF)) {
    const provider = providerOfRef(m[0], ctx.kb);
    if (!provider || /https?:\/\/\S*$/i.test(text.slice(Math.max(0, m.index - 80), m.index)))
      continue;
    const model = cleanModel(m[2] ?? "");
    addModel(m.index, provider.id, model, `${m[1]}/${model}`);
  }
  const providersSeen = new Set<ProviderId>();
  for (const provider of ctx.kb.providers) {
    for (const pattern of provider.models) {
      for (const m of text.matchAll(globalOf(pattern))) {
        const model = cleanModel(m[0]);
        addModel(m.index, provider.id, model, model);
      }
    }
    for (const pattern of provider.names) {
      const m = pattern.exec(text);
      if (m && !providersSeen.has(provider.id)) {
        providersSeen.add(provider.id);
        // Mentions in a "works fine" sentence elsewhere do not make the provider the failing one.
        const failingMention = findFailingMention(text, pattern, worksAt);
        found.push({
          at: m.index,
          evidence: {
            kind: "provider_mention",
            source: ctx.source,
            provider: provider.id,
            works: failingMention === null,
            ...(failingMention !== null && backupAt(failingMention) ? { backup: true } : {}),
            ...(answersWithError(text, pattern) ? { answersWithError: true } : {}),
            ...(atEndpoint(text, pattern) ? { endpoint: true } : {}),
            ...(provider.routesOthers ? { routesOthers: true } : {}),
            ...(provider.fronts.length > 0 ? { fronts: provider.fronts } : {}),
          },
        });
      }
    }
  }
  // "Gemini 3 flash" in prose next to the id gemini-3-flash-preview names the same model.
  const ids = found.flatMap((f) => (f.evidence.kind === "model_ref" ? [f.evidence.model] : []));
  const shadowed = (model: string) =>
    ids.some((other) => other !== model && other.startsWith(`${model}-`));
  return found
    .filter((f) => f.evidence.kind !== "model_ref" || !shadowed(f.evidence.model))
    .sort((a, b) => a.at - b.at)
    .map((f) => f.evidence);
};

/** Just before a provider's host: the URL the requests go to ("baseUrl: https://api.x.com/v1"). */
const ENDPOINT_BEFORE =
  /\b(?:(?:base_?url|baseURL|api_?base|endpoint|base url|OPENAI_BASE_URL|ANTHROPIC_BASE_URL)\b[`'"]?\s*[:=]?\s*[`'"]?(?:https?:\/\/)?|provider\s*[:=]\s*[`'"]?https?:\/\/)[\w.-]*$/i;

/** The first of a provider's mentions (at most 50 looked at) that passes `test`, or null. */
function firstMention(
  text: string,
  pattern: RegExp,
  test: (m: RegExpExecArray) => boolean,
): RegExpExecArray | null {
  let count = 0;
  for (const m of text.matchAll(globalOf(pattern))) {
    if (test(m)) return m;
    if (++count > 50) break;
  }
  return null;
}

/** Whether some mention of the provider is the host of a configured endpoint. */
function atEndpoint(text: string, pattern: RegExp): boolean {
  const before = (m: RegExpExecArray) => text.slice(Math.max(0, m.index - 60), m.index);
  return firstMention(text, pattern, (m) => ENDPOINT_BEFORE.test(before(m))) !== null;
}

/** Whether some mention of the provider is the subject answering with the error. */
function answersWithError(text: string, pattern: RegExp): boolean {
  const after = (m: RegExpExecArray) =>
    text.slice(m.index + m[0].length, m.index + m[0].length + 120);
  return firstMention(text, pattern, (m) => ANSWERS_WITH_ERROR.test(after(m))) !== null;
}

function findFailingMention(
  text: string,
  pattern: RegExp,
  worksAt: (offset: number) => boolean,
): number | null {
  return firstMention(text, pattern, (m) => !worksAt(m.index))?.index ?? null;
}
