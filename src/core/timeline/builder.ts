import type {
  Timeline,
  TimelineBucket,
  TimelineEvent,
  TimelineLimits,
  TimelineMark,
} from "./types.js";
import { chooseWindow, RESOLUTIONS } from "./window.js";

const MAX_FINE_BUCKETS = 4096;
const MAX_RUNS = 100_000;
const MAX_SPANS = 200;
const MAX_SWITCHES = 24;
const MAX_MODELS = 8;
/** Without run ids, an attempt this soon after a failed one is taken as its retry. */
const RETRY_HORIZON_MS = 10 * 60_000;

interface RunMemory {
  attempts: number;
  model: string | null;
  tokens: number | null;
  failed: boolean;
  lastResponseOk: boolean | null;
  lastResponseMs: number;
}

/** What the retries cost, counted while the events stream by. */
export interface RetryTally {
  attempts: number;
  retries: number;
  turns: number;
  failedTurns: number;
  maxRetriesPerTurn: number;
  /** Input tokens the retries sent (exact or estimated); null when no request said. */
  retryTokens: number | null;
  firstRetryMs: number | null;
  lastRetryMs: number | null;
  models: string[];
}

export interface TimelineBuilder {
  add(event: TimelineEvent): void;
  /** Null when nothing with a time was seen. */
  timeline(limits: TimelineLimits): Timeline | null;
  retries(): RetryTally;
}

const newMemory = (): RunMemory => ({
  attempts: 0,
  model: null,
  tokens: null,
  failed: false,
  lastResponseOk: null,
  lastResponseMs: 0,
});

const emptyBucket = (startMs: number): TimelineBucket => ({
  startMs,
  requests: 0,
  retries: 0,
  tokens: 0,
  rateLimited: 0,
  otherErrors: 0,
});

function mergeInto(into: TimelineBucket, from: TimelineBucket): void {
  into.requests += from.requests;
  into.retries += from.retries;
  into.tokens += from.tokens;
  into.rateLimited += from.rateLimited;
  into.otherErrors += from.otherErrors;
}

/**
 * Folds events into fine buckets in bounded memory: when too many fine buckets pile up (a trace of
 * days read at one-second resolution), they are merged into the next coarser resolution. Events
 * may come in any order; a run's retries are told apart by counting its attempts.
 */
export function createTimelineBuilder(): TimelineBuilder {
  let level = 0;
  let fine = new Map<number, TimelineBucket>();
  let runs = new Map<string, RunMemory>();
  let olderRuns = new Map<string, RunMemory>();
  const loose = newMemory();
  const spans: Timeline["spans"] = [];
  const switches: TimelineMark[] = [];
  const models: string[] = [];
  const tally = {
    attempts: 0,
    retries: 0,
    turns: 0,
    failedTurns: 0,
    maxRetriesPerTurn: 0,
    retryTokens: null as number | null,
    firstRetryMs: null as number | null,
    lastRetryMs: null as number | null,
  };
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  let resetAtMs: number | null = null;
  let hasTokens = false;
  let switchesOmitted = 0;

  const resolution = () => RESOLUTIONS[level] ?? RESOLUTIONS[RESOLUTIONS.length - 1] ?? 1000;

  function coarsen(): void {
    level++;
    const r = resolution();
    const next = new Map<number, TimelineBucket>();
    for (const b of fine.values()) {
      const start = Math.floor(b.startMs / r) * r;
      const into = next.get(start) ?? emptyBucket(start);
      mergeInto(into, b);
      next.set(start, into);
    }
    fine = next;
  }

  function bucketAt(ms: number): TimelineBucket {
    firstMs = Math.min(firstMs, ms);
    lastMs = Math.max(lastMs, ms);
    const r = resolution();
    const start = Math.floor(ms / r) * r;
    let bucket = fine.get(start);
    if (!bucket) {
      if (fine.size >= MAX_FINE_BUCKETS && level < RESOLUTIONS.length - 1) {
        coarsen();
        return bucketAt(ms);
      }
      bucket = emptyBucket(start);
      fine.set(start, bucket);
    }
    return bucket;
  }

  function memoryOf(run: string | null): RunMemory {
    if (run === null) return loose;
    let memory = runs.get(run) ?? olderRuns.get(run);
    if (!memory) {
      // Two generations instead of evicting one by one: deleting from the front of a Map
      // leaves tombstones that make the next front lookup slower and slower.
      if (runs.size >= MAX_RUNS / 2) {
        olderRuns = runs;
        runs = new Map();
      }
      memory = newMemory();
    }
    runs.set(run, memory);
    return memory;
  }

  function noteModel(
    memory: RunMemory,
    model: string | null,
    atMs: number,
    isRetry: boolean,
  ): void {
    if (model === null) return;
    if (!models.includes(model) && models.length < MAX_MODELS) models.push(model);
    if (isRetry && memory.model !== null && memory.model !== model) {
      if (switches.length < MAX_SWITCHES) switches.push({ atMs, kind: "switch", label: model });
      else switchesOmitted++;
    }
    memory.model = model;
  }

  function startTurn(memory: RunMemory): void {
    tally.turns++;
    memory.attempts = 0;
    memory.failed = false;
  }

  function request(event: Extract<TimelineEvent, { kind: "request" }>): void {
    const memory = memoryOf(event.run);
    const isRetry =
      event.run === null
        ? memory.lastResponseOk === false && event.atMs - memory.lastResponseMs <= RETRY_HORIZON_MS
        : memory.attempts > 0;
    if (!isRetry) startTurn(memory);
    memory.attempts++;
    tally.attempts++;
    noteModel(memory, event.model, event.atMs, isRetry);
    if (event.tokens !== null) memory.tokens = event.tokens;
    // A retry resends the turn: its size is the last size this turn showed.
    const tokens = event.tokens ?? (isRetry ? memory.tokens : null);
    const bucket = bucketAt(event.atMs);
    if (tokens !== null) {
      hasTokens = true;
      bucket.tokens += tokens;
    }
    if (!isRetry) {
      bucket.requests++;
      return;
    }
    bucket.retries++;
    tally.retries++;
    tally.maxRetriesPerTurn = Math.max(tally.maxRetriesPerTurn, memory.attempts - 1);
    if (tokens !== null) tally.retryTokens = (tally.retryTokens ?? 0) + tokens;
    tally.firstRetryMs = Math.min(tally.firstRetryMs ?? event.atMs, event.atMs);
    tally.lastRetryMs = Math.max(tally.lastRetryMs ?? event.atMs, event.atMs);
  }

  function response(event: Extract<TimelineEvent, { kind: "response" }>): void {
    const memory = memoryOf(event.run);
    memory.lastResponseOk = event.ok;
    memory.lastResponseMs = event.atMs;
    const bucket = bucketAt(event.atMs);
    if (event.ok) return;
    if (!memory.failed && memory.attempts > 0) {
      memory.failed = true;
      tally.failedTurns++;
    }
    if (event.status === 429) bucket.rateLimited++;
    else bucket.otherErrors++;
  }

  function wait(event: Extract<TimelineEvent, { kind: "wait" }>): void {
    bucketAt(event.atMs);
    const last = spans[spans.length - 1];
    if (last && last.reason === event.reason && event.atMs <= last.endMs) {
      last.endMs = Math.max(last.endMs, event.untilMs);
      return;
    }
    if (spans.length < MAX_SPANS)
      spans.push({ startMs: event.atMs, endMs: event.untilMs, reason: event.reason });
  }

  return {
    add(event: TimelineEvent): void {
      if (!Number.isFinite(event.atMs)) return;
      if (event.kind === "request") request(event);
      else if (event.kind === "response") response(event);
      else if (event.kind === "wait") wait(event);
      else resetAtMs = Math.max(resetAtMs ?? event.atMs, event.atMs);
    },

    timeline(limits: TimelineLimits): Timeline | null {
      if (fine.size === 0) return null;
      const ends = [
        lastMs,
        ...spans.map((s) => s.endMs),
        ...(resetAtMs === null ? [] : [resetAtMs]),
      ];
      const endMs = Math.max(...ends);
      const windowMs = chooseWindow(endMs - firstMs, resolution());
      const startMs = Math.floor(firstMs / windowMs) * windowMs;
      const count = Math.floor(endMs / windowMs) - startMs / windowMs + 1;
      const buckets = Array.from({ length: count }, (_, i) => emptyBucket(startMs + i * windowMs));
      for (const b of fine.values()) {
        const into = buckets[Math.floor((b.startMs - startMs) / windowMs)];
        if (into) mergeInto(into, b);
      }
      const totals = { requests: 0, retries: 0, rateLimited: 0, otherErrors: 0, tokens: 0 };
      for (const b of buckets) {
        totals.requests += b.requests;
        totals.retries += b.retries;
        totals.rateLimited += b.rateLimited;
        totals.otherErrors += b.otherErrors;
        totals.tokens += b.tokens;
      }
      return {
        startMs,
        endMs: startMs + count * windowMs,
        windowMs,
        buckets,
        marks: [...switches].sort((a, b) => a.atMs - b.atMs),
        marksOmitted: switchesOmitted,
        spans: spans.map((s) => ({ ...s })).sort((a, b) => a.startMs - b.startMs),
        resetAtMs,
        limits,
        models: [...models],
        hasTokens,
        totals,
      };
    },

    retries(): RetryTally {
      return { ...tally, models: [...models] };
    },
  };
}
