import { isCutErrorText } from "../../trace/error-text.js";
import type { ExtractContext, Extractor } from "../extractor.js";
import type { CooldownEvidence, Evidence, RewrittenErrorEvidence } from "../types.js";
import { modelRefEvidence } from "./provider-ref.js";
import { lineAt, signal, sourceAt } from "./signals.js";

interface Rewrite {
  pattern: RegExp;
  /** The failure reason OpenClaw attached (its classifier's words), or null when the copy is ambiguous. */
  reason: string | null | ((m: RegExpExecArray) => string | null);
  /** Extra evidence the copy implies (a cooldown, a chain that ran out). */
  implies?: (m: RegExpExecArray, ctx: ExtractContext, line: number) => Evidence[];
}

function cooldown(
  ctx: ExtractContext,
  line: number,
  remainingMs: number | null,
  provider: string | null = null,
): CooldownEvidence {
  const known = provider
    ? ctx.kb.providers.find(
        (p) => p.name.toLowerCase() === provider.toLowerCase() || p.id === provider.toLowerCase(),
      )
    : undefined;
  return {
    kind: "cooldown",
    source: sourceAt(ctx, line),
    provider: known?.id ?? null,
    profileId: null,
    reason: "rate_limit",
    remainingMs,
  };
}

/**
 * OpenClaw's user-facing copy (`src/agents/failover/user-copy.ts`, the channel replies in
 * `agent-runner-failure-reply.ts`, and older versions' texts). Each hides the provider's raw error.
 */
const REWRITES: Rewrite[] = [
  { pattern: /⚠️ ?API rate limit reached\.?(?: Please try again later\.)?/gu, reason: "rate_limit" },
  {
    pattern: /⚠️ ?The model request was rate-limited\.?(?: Please try again in a few minutes\.)?/gu,
    reason: "rate_limit",
  },
  {
    pattern:
      /⚠️ ?Rate-limited — ready in ~?(\d+)\s*(s|min)\b\.?(?: Please (?:wait a moment|try again shortly)\.)?/gu,
    reason: "rate_limit",
    implies: (m, ctx, line) => [
      cooldown(ctx, line, Number(m[1]) * (m[2] === "min" ? 60_000 : 1000)),
    ],
  },
  {
    pattern:
      /⚠️ ?All attempted models were rate-limited or overloaded\.?(?: Please try again in a few minutes\.)?/gu,
    reason: "rate_limit",
    implies: (_m, ctx, line) => [
      signal(
        ctx,
        "fallback_chain_exhausted",
        "OpenClaw: every attempted model was rate-limited or overloaded",
        line,
      ),
    ],
  },
  { pattern: /⚠️ ?Selected model is at capacity\.?[^\n"]{0,80}/gu, reason: "overloaded" },
  {
    pattern: /The AI service is temporarily overloaded\.?(?: Please try again in a moment\.)?/gu,
    reason: "overloaded",
  },
  {
    pattern:
      /\b([\w.-]+(?: [A-Z][\w.-]*){0,3}) is asking us to slow down\.?(?: Please wait a moment before trying again\.)?/gu,
    reason: "rate_limit",
    implies: (m, ctx, line) => [cooldown(ctx, line, null, m[1] ?? null)],
  },
  {
    pattern: /Provider ([\w.-]+) is in cooldown \(all profiles unavailable\)/gu,
    reason: "rate_limit",
    implies: (m, ctx, line) => [
      cooldown(ctx, line, null, m[1] ?? null),
      signal(ctx, "all_profiles_in_cooldown", `provider ${m[1]}: all profiles unavailable`, line),
    ],
  },
  {
    pattern: /⚠️ ?(?:[\w.-]+ \([^)\n]{1,80}\)|API provider) returned a billing error[^\n"]{0,200}/gu,
    reason: "billing",
  },
  {
    pattern: /⚠️ ?The model provider returned HTTP 429 before replying\.[^\n"]{0,240}/gu,
    reason: null,
  },
  {
    pattern: /Authentication failed \(provider returned HTTP 401\)\.[^\n"]{0,200}/gu,
    reason: "auth",
  },
  {
    pattern: /Context overflow: prompt too large for the model\.[^\n"]{0,160}/gu,
    reason: "context_overflow",
  },
  {
    pattern: /LLM request failed: provider returned an internal error\./gu,
    reason: "server_error",
  },
  { pattern: /LLM request timed out\./gu, reason: "timeout" },
  { pattern: /LLM request failed with an unknown error\./gu, reason: "unknown" },
  {
    pattern: /⚠️ ?The configured model is unavailable from the provider[^\n"]{0,240}/gu,
    reason: "model_not_found",
  },
  {
    pattern: /⚠️ ?Something went wrong while processing your request\.[^\n"]{0,120}/gu,
    reason: null,
  },
  // `⚠️ <provider text>`: OpenClaw shows the provider's words for rate limits it can explain.
  {
    pattern: /⚠️ ?(?:Google Generative AI|Google Vertex AI) API error \((\d{3})\): [^\n]*/gu,
    reason: (m) =>
      m[1] === "429" ? "rate_limit" : m[1] === "503" || m[1] === "529" ? "overloaded" : null,
  },
  // Older versions (≤ early 2026): "HTTP 429: <rest>".
  { pattern: /\bHTTP (429)(?: [a-z_]+)?: [^\n"]{1,300}/gu, reason: "rate_limit" },
];

/** Cuts a match that started inside a JSON string at its closing quote, and undoes the escapes. */
function cleanText(raw: string): string {
  let end = raw.length;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === "\\") i++;
    else if (raw[i] === '"') {
      end = i;
      break;
    }
  }
  return (
    raw
      .slice(0, end)
      .replace(/\\n/g, "\n")
      .replace(/\\"/g, '"')
      .replace(/\\u2026/g, "…")
      // Log lines go on with their own fields after the message.
      .replace(/\s+(?:rawError|errorName|detail|failoverReason)=[\s\S]*$/u, "")
      .replace(/["\s]+$/u, "")
      .trim()
  );
}

/** The TUI wraps a long error over indented lines: those belong to the same message. */
function withContinuation(text: string, end: number): string {
  const rest = text.slice(end).split("\n").slice(1, 4);
  const more: string[] = [];
  for (const line of rest) {
    // TUI wraps are indented; Google's own message goes on with "* Quota exceeded…".
    if (!/^(?: \S|\s*\* )/.test(line) || /^ (?:connected|agent |run error)/.test(line)) break;
    more.push(line.trim());
  }
  return more.join(" ");
}

const ALL_FAILED = /All models failed \((\d+)\): ([^\n"]+)/gu;
const CANDIDATE = /^([\w.-]+\/[\w.:@/-]+): (.*) \((\w+)\)$/su;

function allModelsFailed(text: string, ctx: ExtractContext, out: Evidence[]): void {
  for (const m of text.matchAll(ALL_FAILED)) {
    const line = lineAt(text, m.index ?? 0);
    const count = Number(m[1]);
    const parts = (m[2] ?? "").split(" | ").map((p) => CANDIDATE.exec(p.trim()));
    const reasons: string[] = [];
    const refs: string[] = [];
    const cut: string[] = [];
    for (const part of parts) {
      if (!part?.[1]) continue;
      refs.push(part[1]);
      reasons.push(part[3] ?? "unknown");
      const ref = modelRefEvidence(part[1], ctx, line);
      if (ref) out.push(ref);
      if (isCutErrorText(part[2] ?? "")) cut.push(part[1]);
    }
    if (cut.length > 0)
      out.push(
        signal(ctx, "error_text_truncated", `OpenClaw cut the error of ${cut.join(", ")}`, line),
      );
    const reason = mostCommon(reasons);
    const rewritten: RewrittenErrorEvidence = {
      kind: "rewritten_error",
      source: sourceAt(ctx, line),
      tool: "openclaw",
      text: cleanText(m[0]).slice(0, 1000),
      reason,
    };
    out.push(rewritten);
    if (count >= 2)
      out.push(
        signal(
          ctx,
          "fallback_chain_exhausted",
          `all ${count} models failed: ${refs.map((r, i) => `${r} (${reasons[i]})`).join(", ")}`,
          line,
        ),
      );
    if (reasons.includes("timeout"))
      out.push(
        signal(
          ctx,
          "timeout_in_fallback_chain",
          `a candidate timed out: ${refs[reasons.indexOf("timeout")]}`,
          line,
        ),
      );
  }
}

function mostCommon(values: string[]): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const v of values) {
    const n = values.filter((x) => x === v).length;
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/**
 * OpenClaw's rewrites of provider errors: they tell the reason OpenClaw assigned, not the raw
 * error, so the reply can say "rewritten, raw error still needed". A copy the provider's words
 * survive in (`⚠️ Google Generative AI API error (429): …`) is still cut at 220 characters.
 */
export const openclawRewritesExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  allModelsFailed(text, ctx, out);
  let truncated = out.some((e) => e.kind === "signal" && e.id === "error_text_truncated");
  for (const rewrite of REWRITES) {
    rewrite.pattern.lastIndex = 0;
    for (let m = rewrite.pattern.exec(text); m !== null; m = rewrite.pattern.exec(text)) {
      const body = cleanText(m[0]);
      // "⚠️ API rate limit reached" and "…reached." are one rewrite.
      const key = body.replace(/[.\s]+$/u, "");
      if (key === "" || seen.has(key)) continue;
      // Inside "All models failed" the parts were read already.
      const lineStart = text.lastIndexOf("\n", m.index) + 1;
      if (text.slice(lineStart, m.index).includes("All models failed")) continue;
      seen.add(key);
      const line = lineAt(text, m.index);
      const reason = typeof rewrite.reason === "function" ? rewrite.reason(m) : rewrite.reason;
      out.push({
        kind: "rewritten_error",
        source: sourceAt(ctx, line),
        tool: "openclaw",
        text: body.slice(0, 1000),
        reason,
      });
      if (rewrite.implies) out.push(...rewrite.implies(m, ctx, line));
      const whole = `${body} ${withContinuation(text, m.index + m[0].length)}`.trim();
      if (!truncated && isCutErrorText(whole)) {
        truncated = true;
        out.push(
          signal(
            ctx,
            "error_text_truncated",
            "OpenClaw cut the provider's message; the full error body is not shown",
            line,
          ),
        );
      }
    }
  }
  const fetchFailed = /\bfetch failed\b/iu.exec(text);
  if (fetchFailed)
    out.push(
      signal(
        ctx,
        "fetch_failed_shown",
        "'fetch failed' is shown instead of the provider's error",
        lineAt(text, fetchFailed.index),
      ),
    );
  return out;
};
