import { type Analysis, analyze } from "../core/analyze.js";
import type { EvidenceCache } from "../core/evidence/evidence-cache.js";
import type { IncidentContext } from "../core/incidents/in-incident.js";
import { threadLanguage } from "../core/language.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { replyLanguage } from "../render/words.js";
import type { Draft } from "./draft.js";
import { toThread } from "./ingest.js";
import type { IssueSettings } from "./issue.js";
import { type ConversationPolicy, forcedLanguage } from "./policy.js";

/** The analysis of a thread (core's `analyze`); injectable so a test can count the calls. */
export type AnalyzeThread = typeof analyze;

/** What every decision needs besides the thread: knowledge and policy. */
export interface DecideContext {
  kb: Knowledge;
  policy: ConversationPolicy;
  /** Issue drafting and filing; without it the card carries no issue link. */
  issues?: IssueSettings;
  /** Per-message evidence kept between events: a new message reads only itself. */
  evidence?: EvidenceCache;
  /** The incidents open when this event is decided (read by the engine before deciding). */
  incidents?: IncidentContext;
  /** Core's `analyze` unless given. */
  analyze?: AnalyzeThread;
}

/**
 * The verdict is a function of the whole thread, but each message is read once: the evidence
 * cache hands back what earlier events (and this event's "before" analysis) already read.
 * Each decision calls this once and hands the result to everything it does (reply, card,
 * timers, issue), so an event analyses its thread once.
 */
export function analyzeDraft(draft: Draft, ctx: DecideContext): Analysis {
  const run = ctx.analyze ?? analyze;
  const thread = toThread(draft.thread.title, draft.messages);
  return run(thread, ctx.kb, draft.at, undefined, ctx.evidence, ctx.incidents);
}

/** The "before" analysis of each draft: the stored thread does not change during an event. */
const before = new WeakMap<Draft, Analysis | null>();

/**
 * The thread as it stood before this event (null for its first message), for "what changed":
 * worked out at most once per event, however many replies the event produces. An event without
 * a message (a command, a timer) left the thread as it was: `current` is already its analysis.
 */
export function analyzeBefore(
  draft: Draft,
  ctx: DecideContext,
  current: Analysis,
): Analysis | null {
  if (before.has(draft)) return before.get(draft) ?? null;
  const earlier = draft.snapshot?.messages ?? [];
  if (!draft.hasMessage && earlier.some((m) => m.role !== "bot")) return current;
  const run = ctx.analyze ?? analyze;
  const result =
    earlier.filter((m) => m.role !== "bot").length === 0
      ? null
      : run(
          toThread(draft.thread.title, earlier),
          ctx.kb,
          draft.at,
          undefined,
          ctx.evidence,
          ctx.incidents,
        );
  before.set(draft, result);
  return result;
}

/**
 * The language the bot writes in for this thread (replies, notices, the handoff card): the one
 * forced for its channel, else the thread's own when there are words for it, else English.
 */
export function languageOf(draft: Draft, analysis: Analysis, ctx: DecideContext): string {
  const forced = forcedLanguage(ctx.policy, draft.threadKey, draft.thread.channel);
  return replyLanguage(ctx.kb, analysis.language, forced);
}

/** The same without an analysis at hand (an incident's note): the language read from the messages. */
export function draftLanguage(
  draft: Draft,
  ctx: { kb: Knowledge; policy: ConversationPolicy },
): string {
  const detected = threadLanguage(toThread(draft.thread.title, draft.messages), ctx.kb);
  return replyLanguage(
    ctx.kb,
    detected,
    forcedLanguage(ctx.policy, draft.threadKey, draft.thread.channel),
  );
}
