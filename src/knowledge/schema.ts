import { z } from "zod";
import { ErrorClass, MissingId, ProviderId } from "../core/vocabulary.js";

/** A regular expression source, compiled case-insensitively at load; a bad one fails the load. */
const Pattern = z.string().min(1);

export const WaitRule = z.discriminatedUnion("kind", [
  /** OpenAI/Groq Go durations: "Please try again in 5.282s", "7m12s". */
  z.object({ kind: z.literal("try_again_in") }),
  /** Google RetryInfo `retryDelay: "22s"` or "Please retry in 53.01s". */
  z.object({ kind: z.literal("retry_info") }),
  /** "Please retry after 3 seconds" (Azure), "retry-after: 30" in text. */
  z.object({ kind: z.literal("retry_after_text") }),
  /** A response header: retry-after (s or HTTP date), retry-after-ms, x-ratelimit-reset-* (Go duration). */
  z.object({ kind: z.literal("header"), name: z.string() }),
  /** OpenRouter's X-RateLimit-Reset: Unix epoch milliseconds, also echoed in the body. */
  z.object({ kind: z.literal("reset_epoch_ms") }),
  /** GitHub's x-ratelimit-reset: Unix epoch seconds. */
  z.object({ kind: z.literal("reset_epoch_s") }),
  /** Resets at the next midnight in a zone (Gemini per-day: America/Los_Angeles; OpenRouter: UTC). */
  z.object({ kind: z.literal("midnight"), timeZone: z.string() }),
  /** Resets at 00:00 UTC on the 1st (Anthropic spend caps). */
  z.object({ kind: z.literal("month_start_utc") }),
  /** "resets at <ISO>" in the text. */
  z.object({ kind: z.literal("resets_at_text") }),
  /** No wait helps (limit: 0, billing). */
  z.object({ kind: z.literal("never") }),
]);
export type WaitRule = z.infer<typeof WaitRule>;

export const Signature = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  provider: ProviderId,
  product: z.string().optional(),
  /** Every pattern must match. */
  all: z.array(Pattern).min(1),
  /** At least one must match, when given. */
  any: z.array(Pattern).optional(),
  /** None may match. */
  none: z.array(Pattern).optional(),
  /** null: the body does not say which limit (e.g. Gemini's bare "Resource has been exhausted"). */
  errorClass: ErrorClass.nullable(),
  retryable: z.boolean().nullable(),
  window: z.enum(["second", "minute", "hour", "day", "month"]).optional(),
  wait: z.array(WaitRule).default([]),
  /** 0..1: more specific signatures win over generic ones. */
  specificity: z.number().min(0).max(1),
  /** Regexes with named groups model / limit / used / requested / quotaValue to pull numbers out. */
  extract: z.array(Pattern).default([]),
  /** What this means, in one line, for the reply. */
  meaning: z.string(),
  mitigations: z.array(z.string()).default([]),
  /** Catalogue entry ids this signature was written from (provider-errors.json). */
  sources: z.array(z.string()).default([]),
});
export type Signature = z.infer<typeof Signature>;

export const Provider = z.object({
  id: ProviderId,
  name: z.string(),
  /** Words that name the provider in prose ("Gemini", "AI Studio"). */
  names: z.array(Pattern).default([]),
  /** Bare model id patterns ("gemini-[\\w.-]+"). */
  models: z.array(Pattern).default([]),
  /** Prefixes of tool model refs ("google/" in "google/gemini-3-flash-preview"). */
  refPrefixes: z.array(z.string()).default([]),
  /** Where the user sees quota and usage, and where to rotate keys. */
  consoleUrl: z.string().optional(),
  usageUrl: z.string().optional(),
  keysUrl: z.string().optional(),
  statusUrl: z.string().optional(),
  /**
   * The machine-readable status feed polled for open incidents: Atlassian Statuspage's
   * `/api/v2/summary.json`, or incident.io's public status page proxy. Off unless polling is on.
   */
  statusFeed: z
    .object({
      kind: z.enum(["statuspage", "incident.io"]),
      url: z.url(),
      /** Where the page's software and this endpoint were confirmed: a feed URL is a claim to check. */
      source: z.string().min(1).optional(),
      /** The day that check was made (YYYY-MM-DD). */
      asOf: z.iso.date().optional(),
    })
    .optional(),
  /**
   * A status page whose machine-readable feed could not be confirmed: never polled (a guessed URL
   * would read as "unknown" forever, or worse, as a different page), kept so the gap is visible.
   */
  statusFeedUnverified: z
    .object({ page: z.url(), why: z.string().min(1), asOf: z.iso.date() })
    .optional(),
  /**
   * A router or platform in front of other providers' models (OpenRouter, Vertex, Bedrock, Azure):
   * when it is in use, its limits are the ones at issue.
   */
  routesOthers: z.boolean().default(false),
  /** Vendors whose models this platform serves under its own limits (Vertex: google, anthropic). */
  fronts: z.array(z.string()).default([]),
});
export type Provider = z.infer<typeof Provider>;

export const Tool = z.object({
  id: z.string(),
  name: z.string(),
  /** Patterns that show the tool is in use (a command, a log prefix, its rewritten errors). */
  markers: z.array(z.object({ pattern: Pattern, strength: z.number().min(0).max(1) })),
  /** Regex with named groups version (and optionally commit). */
  versionPatterns: z.array(Pattern).default([]),
  /** Patterns of the tool's user-facing rewrites of provider errors (the raw error is hidden). */
  rewrites: z.array(z.object({ pattern: Pattern, reason: z.string().nullable() })).default([]),
  /** Whether provider/model refs ("google/gemini-2.5-flash") are this tool's style. */
  usesModelRefs: z.boolean().default(false),
  /**
   * Who uses it and so what advice they can apply: OpenClaw's own config and slash commands, a
   * product's settings, or code against an API (a library such as LangChain).
   */
  audience: z.enum(["openclaw", "product", "api-code"]).default("product"),
});
export type Tool = z.infer<typeof Tool>;

/** The readers a mitigation fits; "any" when every reader can act on it (a console, a page). */
export const AUDIENCES = ["openclaw", "product", "api-code", "any"] as const;
export const Audience = z.enum(AUDIENCES);
export type Audience = z.infer<typeof Audience>;

/** A condition on the thread's markers: "experiment:lower_max_tokens=no_effect", "!signal:home_machine". */
const Condition = z.string().regex(/^!?[a-z_]+:[\w.=/-]+$/);
/** Conditions that must all hold, joined with "&": "claim:incident&class:capacity_or_overload". */
const Conjunction = z.string().regex(/^!?[a-z_]+:[\w.=/-]+(?:&!?[a-z_]+:[\w.=/-]+)*$/);

export const Hypothesis = z.object({
  id: z.string(),
  errorClass: ErrorClass,
  title: z.string(),
  prior: z.number().min(0).max(1),
  for: z
    .array(
      z.object({
        /** A marker, or markers joined with "&" that support it only together. */
        when: Conjunction,
        weight: z.number(),
        says: z.string(),
        /**
         * Weak support moves the likelihood but cannot make a hypothesis the leading one on its own
         * (a usage percentage, a "same here", a bug-report template).
         */
        weak: z.boolean().default(false),
      }),
    )
    .default([]),
  against: z
    .array(z.object({ when: Conjunction, weight: z.number(), says: z.string() }))
    .default([]),
  ruledOutBy: z.array(z.object({ when: Condition, because: z.string() })).default([]),
  /** What would decide it, for the reply when it stays open. */
  decide: z.string(),
  /** A side finding (e.g. CLI env vs gateway env): reported, never the thread's errorClass. */
  finding: z.boolean().default(false),
  /** The one experiment that would confirm or refute it, for the reply. */
  nextExperiment: z.string().optional(),
  /** Mitigation ids this hypothesis calls for when it leads. */
  mitigations: z.array(z.string()).default([]),
  /**
   * Dual causes: when one of these holds, this hypothesis is the primary cause whatever else
   * scores higher (a tool whose cooldown outlives the provider's window).
   */
  leadsWhen: z.array(Conjunction).default([]),
  /**
   * Without `leadsWhen`, it gives the lead to a hypothesis of these classes ("*": any) with
   * specific support: a complaint that the tool did not fail over, beside a spent budget, is about
   * the budget; a retry loop on an empty balance is about the balance.
   */
  yieldsTo: z.array(ErrorClass.or(z.literal("*"))).default([]),
});
export type Hypothesis = z.infer<typeof Hypothesis>;

export const Experiment = z.object({
  id: z.string(),
  title: z.string(),
  /** A line that reports this experiment matches one of these (named group value for a number). */
  action: z.array(Pattern).min(1),
  /** Outcome words, searched in the same line first, then the following lines of the same block. */
  outcomes: z.object({
    helped: z.array(Pattern).default([]),
    no_effect: z.array(Pattern).default([]),
    works: z.array(Pattern).default([]),
    fails: z.array(Pattern).default([]),
  }),
});
export type Experiment = z.infer<typeof Experiment>;

export const Signal = z.object({
  id: z.string(),
  title: z.string(),
  patterns: z.array(Pattern).min(1),
});
export type Signal = z.infer<typeof Signal>;

/**
 * What people say about their own situation, read from their sentences (and quoted docs). A claim
 * id is a kind, optionally with a value: "window=minute", "tool_defect=cooldown_scope", "incident".
 */
export const CLAIM_KINDS = [
  "window",
  "dimension",
  "numbers",
  "tier",
  "zero_quota",
  "billing_disabled",
  "credits",
  "spend_cap",
  "auth_failure",
  "tool_defect",
  "bug_report",
  "fan_out",
  "schedule_collision",
  "retry_loop",
  "concurrency",
  "overload",
  "other_client_works",
  "incident",
  "wrong_org",
  "too_large",
  "output_reservation",
  "proxy_limiter",
  "account_keyed",
  "feature_quota",
  "model_retired",
  "per_ip",
  "anonymous_limit",
  "persistence",
  "transient",
] as const;
export const ClaimKind = z.enum(CLAIM_KINDS);
export type ClaimKind = z.infer<typeof ClaimKind>;

/** One claim of a language's lexicon (`data/claims/<language>.json`): any pattern matching is enough. */
export const Claim = z.object({
  id: z
    .string()
    .regex(/^[a-z_]+(=[a-z0-9_]+)?$/)
    .refine((id) => (CLAIM_KINDS as readonly string[]).includes(id.split("=")[0] ?? ""), {
      message: `the kind before "=" must be one of ${CLAIM_KINDS.join(", ")}`,
    }),
  patterns: z.array(Pattern).min(1),
});
export type Claim = z.infer<typeof Claim>;

/**
 * Whether retrying the same request helps, decided from cues in precedence order (auth before
 * billing before long windows ...): the first cue any of whose conditions holds decides.
 */
export const RetryCue = z.object({
  id: z.string(),
  /** Any entry holding decides; an entry joins conditions that must all hold with "&". */
  when: z.array(z.string().regex(/^!?[a-z_]+:[\w.=/-]+(?:&!?[a-z_]+:[\w.=/-]+)*$/)).min(1),
  /** null: the cue settles that nobody can tell yet (an incident whose end nobody knows). */
  retryable: z.boolean().nullable(),
  /** Shown in the reply: "not retryable: the message names a weekly allowance". */
  because: z.string(),
});
export type RetryCue = z.infer<typeof RetryCue>;

/**
 * A language the lexicons speak: `detect` gates its lexicon (a cheap test that the text could be
 * in it), so a thread pays only for the languages it may be written in. No `detect`: always read.
 */
export const Language = z.object({
  id: z.string(),
  name: z.string(),
  detect: Pattern.optional(),
  /** Common words, counted to tell which language a thread is written in (default: `detect`). */
  common: Pattern.optional(),
});
export type Language = z.infer<typeof Language>;

export const Question = z.object({
  id: MissingId.or(z.string()),
  /** Short label for the reply ("The raw provider error"). */
  label: z.string(),
  why: z.string(),
  /** How to get it, per tool id; "default" when the tool is unknown or has no entry. */
  howToGet: z.record(z.string(), z.string()),
  /**
   * Ask only when the verdict is one of these (empty: any); "unknown" while nothing leads,
   * "leading" while a likely cause leads without deciding.
   */
  classes: z.array(ErrorClass.or(z.literal("leading"))).default([]),
  /**
   * Ask whatever the verdict's class when any of these holds: an agent tool's fallback chain
   * matters for every limit, a thread that mentions sub-agents needs its concurrency settings.
   */
  alsoWhen: z.array(Conjunction).default([]),
  /**
   * Also asked once the verdict names one of these classes, to fit the fix to the reader (which
   * project holds the credits, how much of the day is used) — without holding the thread open.
   */
  confirms: z.array(ErrorClass).default([]),
  /** Ask only when every condition holds. */
  askWhen: z.array(Conjunction).default([]),
  /**
   * When the question with this id is asked too, this one is not asked on its own: its way to
   * get the answer is added to that one (one ask, two ways to answer it).
   */
  foldsInto: z.string().optional(),
  /** Never ask when any of these holds (the thread already answers it). */
  unless: z.array(Conjunction).default([]),
  /** Order in the reply: lower first. */
  order: z.number().default(50),
});
export type Question = z.infer<typeof Question>;

export const Mitigation = z.object({
  id: z.string(),
  title: z.string(),
  why: z.string(),
  /** Mustache template; {{ref}}, {{provider}}, {{model}}, {{maxTokens}}, {{resetAt}}, {{fallback}}. */
  snippet: z.string().default(""),
  /** Only for these tools (empty: any tool). */
  tools: z.array(z.string()).default([]),
  /** Only for these providers (empty: any provider). */
  providers: z.array(ProviderId).default([]),
  classes: z.array(ErrorClass).default([]),
  /** Ordering: lower first. */
  order: z.number().default(50),
  /** Generic mitigations this tool-specific one stands in for (same advice, exact config). */
  replaces: z.array(z.string()).default([]),
  /** Who can act on it: code snippets only for people who write code against an API. */
  audience: z.array(Audience).min(1),
  /** Also applies, first, whatever the class, when any of these holds ("signal:paid_retries_burning"). */
  when: z.array(Conjunction).default([]),
  /** Never offered when any of these holds (a usage tier to buy does not exist on a subscription). */
  unless: z.array(Conjunction).default([]),
});
export type Mitigation = z.infer<typeof Mitigation>;

export const TierTable = z.object({
  provider: ProviderId,
  asOf: z.string(),
  source: z.string(),
  tiers: z.array(
    z.object({
      tier: z.string(),
      qualification: z.string().optional(),
      model: z.string().optional(),
      rpm: z.number().optional(),
      tpm: z.number().optional(),
      rpd: z.number().optional(),
      itpm: z.number().optional(),
      otpm: z.number().optional(),
      note: z.string().optional(),
    }),
  ),
});
export type TierTable = z.infer<typeof TierTable>;

export const KnownIssue = z.object({
  id: z.string(),
  tool: z.string(),
  title: z.string(),
  url: z.string(),
  /** Versions affected: inclusive lower bound and exclusive fixed-in, YYYY.M.D; null when open-ended. */
  affected: z.object({ from: z.string().nullable(), fixedIn: z.string().nullable() }),
  /** Markers that must all hold for the issue to match the thread. */
  when: z.array(Condition).min(1),
  says: z.string(),
  workaround: z.string().optional(),
});
export type KnownIssue = z.infer<typeof KnownIssue>;

export const ClassInfo = z.object({
  id: ErrorClass,
  /** Short name for headlines ("requests-per-day quota"). */
  title: z.string(),
  /** One or two plain sentences for the reply. */
  explain: z.string(),
});
export type ClassInfo = z.infer<typeof ClassInfo>;

/**
 * The words of one reply language (`data/i18n/<lang>.json`): the reply's own phrases, and the
 * titles and explanations of classes, questions and mitigations. Anything missing falls back to
 * English; commands, config keys and error text are never translated.
 */
export const Translation = z.object({
  language: z.string(),
  text: z.record(z.string(), z.string()).default({}),
  classes: z
    .record(z.string(), z.object({ title: z.string(), explain: z.string().optional() }))
    .default({}),
  questions: z
    .record(z.string(), z.object({ label: z.string(), why: z.string().optional() }))
    .default({}),
  mitigations: z.record(z.string(), z.object({ title: z.string(), why: z.string() })).default({}),
  /**
   * The hypotheses' sentences (titles, evidence, how to decide, next experiments, why ruled out)
   * and the prose lines of the questions' howToGet, keyed by their English template in
   * data/hypotheses/ and data/questions.json: `{{maxTokens}}` and commands stay as they are.
   */
  phrases: z.record(z.string(), z.string()).default({}),
  /** The labels of the staff card on Discord and Slack (render/card-words.ts has the English). */
  card: z.record(z.string(), z.string()).default({}),
  /** What Discord and Slack show around a reply (render/reply-words.ts has the English). */
  platform: z.record(z.string(), z.string()).default({}),
});
export type Translation = z.infer<typeof Translation>;

/** List prices per provider, with where and when they were read (data/prices.json). */
export const PriceTable = z.object({
  provider: ProviderId,
  /** The day the prices were read (YYYY-MM-DD). */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string().url(),
  currency: z.literal("USD"),
  note: z.string().optional(),
  models: z
    .array(
      z.object({
        /** A model id or the start of one: the longest matching entry wins. */
        model: z.string().min(1),
        inputPerMTok: z.number().nonnegative(),
        outputPerMTok: z.number().nonnegative(),
      }),
    )
    .min(1),
});
export type PriceTable = z.infer<typeof PriceTable>;
