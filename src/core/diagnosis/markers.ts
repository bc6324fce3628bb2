import type { FactSheet, RawErrorFact } from "../facts.js";

/** Requests at or above this many tokens count as "large" for reservation and context theories. */
export const LARGE_REQUEST_TOKENS = 100_000;
/** Generic HTTP-429 signatures sit below this; a body with a code or a specific wording counts. */
export const RAW_ERROR_MIN_SPECIFICITY = 0.45;

/**
 * The thread's facts as a set of marker strings, the vocabulary that data conditions use
 * (`data/hypotheses`, `data/questions.json`, `data/known-issues.json`):
 * tool:<id> tool:any provider:<id> class:<c> signature:<id> evidence:<kind> signal:<id>
 * claim:<kind>[=<value>]
 * experiment:<id>=<outcome> probe:<status> rewritten:<reason> cooldown:<reason> fact:<name>
 * known_issue:<id> known_issue:affected.
 */
export function markersOf(facts: FactSheet, leading: RawErrorFact | null): Set<string> {
  const m = new Set<string>();
  const add = (...keys: string[]) => {
    for (const k of keys) m.add(k);
  };
  if (facts.tool) {
    m.add("tool:any");
    if (facts.tool.confidence >= 0.5) m.add(`tool:${facts.tool.id}`);
    if (facts.tool.version) m.add("fact:tool_version");
  }
  if (facts.provider) add(`provider:${facts.provider}`, "fact:provider");
  if (facts.model) m.add("fact:model");
  for (const e of facts.rawErrors) {
    m.add("evidence:provider_error");
    if (e.signatureId) m.add(`signature:${e.signatureId}`);
  }
  // A status line quoted in prose ("429 Too Many Requests") is not the provider's body.
  if (leading && (leading.specificity >= RAW_ERROR_MIN_SPECIFICITY || leading.code !== null))
    m.add("fact:raw_error");
  if (leading) {
    // A JSON body or a coded error, not one line quoted in prose: the provider's whole answer.
    if (leading.code !== null || /[{[]/u.test(leading.excerpt)) m.add("fact:structured_body");
    if (leading.errorClass) add(`class:${leading.errorClass}`, "fact:specific_class");
    if (leading.quota?.id && /FreeTier|PaidTier/iu.test(leading.quota.id)) m.add("fact:tier");
    if (leading.quota?.metric && /free_tier|paid_tier/iu.test(leading.quota.metric))
      m.add("fact:tier");
    if (leading.numbers?.requested !== undefined) m.add("fact:request_size");
  }
  for (const r of facts.rewrittenErrors) {
    m.add("evidence:rewritten_error");
    if (r.reason) m.add(`rewritten:${r.reason}`);
  }
  // The tool's own wording matched a provider's ("insufficient balance"): still no provider body.
  if (leading && facts.rewrittenErrors.some((r) => sameText(r, leading)))
    m.add("fact:raw_error_is_rewrite");
  if (facts.tier) m.add("fact:tier");
  if (facts.usage) m.add("fact:usage");
  if (facts.requestTokens.length > 0 || facts.trace) m.add("fact:request_size");
  if (facts.requestTokens.some((t) => t >= LARGE_REQUEST_TOKENS)) m.add("fact:large_request");
  if (facts.maxTokens !== null) m.add("fact:max_tokens");
  for (const e of facts.experiments) add(`experiment:${e.id}=${e.outcome}`, "evidence:experiment");
  for (const s of facts.signals) m.add(`signal:${s.id}`);
  // "claim:window=minute" and its kind "claim:window", so data can ask for either.
  for (const c of facts.claims) add(`claim:${c.id}`, `claim:${c.id.split("=")[0]}`);
  for (const p of facts.probes) add(`probe:${p.status}`, "evidence:probe");
  for (const c of facts.cooldowns)
    add("evidence:cooldown", ...(c.reason ? [`cooldown:${c.reason}`] : []));
  if (facts.modelStatus || facts.probes.length > 0 || m.has("signal:probe_invalid_key"))
    m.add("fact:model_status");
  if (facts.modelStatus) m.add("evidence:model_status");
  if (facts.trace) add("evidence:trace");
  for (const w of waitsOf(facts, leading)) m.add(`wait:${w}`);
  if (facts.usage?.percentOfLimit !== undefined && facts.usage.percentOfLimit < 50)
    m.add("signal:usage_far_below_limit");
  return m;
}

/** Whether a rewritten error and the leading raw error are the same words in the same message. */
function sameText(r: FactSheet["rewrittenErrors"][number], leading: RawErrorFact): boolean {
  if (r.source.message !== leading.source.message) return false;
  const norm = (t: string) => t.toLowerCase().replace(/\s+/gu, " ").trim();
  const a = norm(r.text);
  const b = norm(leading.excerpt);
  if (a.length === 0 || b.length === 0) return false;
  return a.includes(b.slice(0, 40)) || b.includes(a.slice(0, 40));
}

/** A wait of this many seconds or more means a long window (not retryable now). */
export const LONG_WAIT_SECONDS = 3600;
/** Up to this many seconds, a wait is short: retrying after it helps. */
export const SHORT_WAIT_SECONDS = 600;

/** "long" and/or "short": the waits the provider's body, its headers and the text name. */
function waitsOf(facts: FactSheet, leading: RawErrorFact | null): Set<"long" | "short"> {
  const out = new Set<"long" | "short">();
  const seconds = [
    leading?.retryAfterSeconds ?? null,
    ...facts.retryHints.map((h) => h.seconds),
  ].filter((s): s is number => s !== null);
  for (const s of seconds)
    out.add(s >= LONG_WAIT_SECONDS ? "long" : s <= SHORT_WAIT_SECONDS ? "short" : "long");
  if (facts.retryHints.some((h) => h.from === "text:reset_clock")) out.add("long");
  return out;
}

/** A data condition: "signal:home_machine", or "!class:rpd" for its negation. */
export function holds(condition: string, markers: ReadonlySet<string>): boolean {
  return condition.startsWith("!") ? !markers.has(condition.slice(1)) : markers.has(condition);
}

/** Conditions joined with "&" ("claim:incident&class:capacity_or_overload"): all must hold. */
export function holdsAll(conditions: string, markers: ReadonlySet<string>): boolean {
  return conditions.split("&").every((c) => holds(c, markers));
}
