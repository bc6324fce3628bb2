import type { Extractor } from "./extractor.js";
import { AMOUNT, parseAmount } from "./numbers.js";
import type { Evidence, TierEvidence, UsageEvidence } from "./types.js";

const UNIT_KEYS: Record<string, keyof TierEvidence["limits"]> = {
  rpm: "rpm",
  tpm: "tpm",
  rpd: "rpd",
  itpm: "itpm",
  otpm: "otpm",
};

/** "Tier 1: 1M TPM, 1K RPM, 10K RPD", "free tier", "Tier 2": every mention, with the limits beside it. */
function tierEvidence(text: string, source: TierEvidence["source"]): TierEvidence[] {
  const out: TierEvidence[] = [];
  const pattern =
    /\b(tier\s*[0-5]|free[- ]tier|paid[- ]tier|(?:start|build|scale) tier|pay[- ]as[- ]you[- ]go)\b(?<rest>[^\n]{0,120})/giu;
  for (const m of text.matchAll(pattern)) {
    if (!m[1]) continue;
    const limits: TierEvidence["limits"] = {};
    for (const u of (m.groups?.rest ?? "").matchAll(
      new RegExp(String.raw`(${AMOUNT})\s*(RPM|TPM|RPD|ITPM|OTPM)\b`, "giu"),
    )) {
      const key = UNIT_KEYS[(u[2] ?? "").toLowerCase()];
      const value = parseAmount(u[1] ?? "");
      if (key && value !== null) limits[key] = value;
    }
    const tier = m[1].replace(/\s+/g, " ").replace(/-/g, " ");
    out.push({
      kind: "tier",
      source,
      tier: tier.charAt(0).toUpperCase() + tier.slice(1).toLowerCase(),
      limits,
    });
  }
  return out;
}

/** "225k TPM (22%), 4 RPM (0.4%), 22 RPD (0.2%)", "at ~22% of quota", "never reached even 10% of our limits". */
function usageEvidence(text: string, source: UsageEvidence["source"]): UsageEvidence[] {
  const usage: UsageEvidence = { kind: "usage", source };
  let found = false;
  const line =
    /(?:usage|using|used|consum\w*)[^\n]{0,20}?:?\s*([^\n]{0,160})/iu.exec(text)?.[1] ?? "";
  for (const u of line.matchAll(
    new RegExp(String.raw`(${AMOUNT})\s*(RPM|TPM|RPD)\b(?:\s*\((\d+(?:\.\d+)?)\s*%\))?`, "giu"),
  )) {
    const value = parseAmount(u[1] ?? "");
    const unit = (u[2] ?? "").toLowerCase() as "rpm" | "tpm" | "rpd";
    if (value !== null) {
      usage[unit] = value;
      found = true;
    }
    if (u[3] !== undefined)
      usage.percentOfLimit = Math.max(usage.percentOfLimit ?? 0, Number(u[3]));
  }
  const pct =
    /(?:at|only|about|~|around|reached(?: even)?|below|under|using)\s*~?(\d{1,3}(?:\.\d+)?)\s*%\s*(?:of\b|quota|limit|usage|utili[sz]ation)/iu.exec(
      text,
    );
  if (pct?.[1]) {
    usage.percentOfLimit = Math.max(usage.percentOfLimit ?? 0, Number(pct[1]));
    found = true;
  }
  // "78% of my quota left", "only 5% remaining": what is left, not what is used.
  const left =
    /(\d{1,3}(?:\.\d+)?)\s*%\s*(?:of\s+(?:my|our|the)?\s*(?:\w+\s+){0,2}(?:quota|limits?|usage|allowance)\s+)?(?:(?:is|are)\s+)?(?:left|remaining|still available|unused)\b/iu.exec(
      text,
    );
  if (left?.[1] && !pct) {
    usage.percentOfLimit = Math.max(usage.percentOfLimit ?? 0, 100 - Number(left[1]));
    found = true;
  }
  return found ? [usage] : [];
}

const CONTEXT_PATTERNS: Array<[RegExp, "context" | "prompt" | "request"]> = [
  [
    new RegExp(String.raw`(${AMOUNT})\s*(?:tokens?\s*(?:of\s*)?)?(?:context|ctx)\b`, "giu"),
    "context",
  ],
  [
    new RegExp(
      String.raw`(?:context|ctx)(?:\s*(?:size|window|of))?\s*[:=~]?\s*(${AMOUNT})\b`,
      "giu",
    ),
    "context",
  ],
  [
    new RegExp(
      String.raw`(?:prompt|input)(?:\s*size)?\s*(?:of\s*)?[:=~]?\s*(${AMOUNT})\s*tokens`,
      "giu",
    ),
    "prompt",
  ],
  [new RegExp(String.raw`\((${AMOUNT})\)\s*:?\s*429`, "giu"), "request"],
];

function requestSizeEvidence(text: string, source: Evidence["source"]): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<number>();
  for (const [pattern, what] of CONTEXT_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      // "a 1M token context window" is the model's capacity, not what a request sends.
      const around = text.slice(m.index, m.index + m[0].length + 25);
      if (/context (?:window|length|limit)|max(?:imum)? context/iu.test(around)) continue;
      const tokens = parseAmount(m[1] ?? "");
      // Below ~500 is a count of something else ("2 tokens" pings are experiments, not sizes).
      if (tokens === null || tokens < 500 || tokens > 10_000_000 || seen.has(tokens)) continue;
      seen.add(tokens);
      out.push({ kind: "request_size", source, tokens, what });
    }
  }
  return out;
}

/** "maxTokens: 512", "max_tokens=4096", "maxOutputTokens 8192". */
function maxTokensEvidence(text: string, source: Evidence["source"]): Evidence[] {
  const m = /\bmax_?(?:output_?)?tokens?\b["']?\s*(?:[:=]|of|to|at)?\s*(\d{2,7})\b/iu.exec(text);
  if (!m?.[1]) return [];
  return [{ kind: "max_tokens", source, value: Number(m[1]), where: "message" }];
}

export const numbersExtractor: Extractor = (text, ctx) => [
  ...tierEvidence(text, ctx.source),
  ...usageEvidence(text, ctx.source),
  ...requestSizeEvidence(text, ctx.source),
  ...maxTokensEvidence(text, ctx.source),
];
