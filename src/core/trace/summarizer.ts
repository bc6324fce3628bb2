import { ErrorGroups, ModelTable, StageCounts } from "./aggregates.js";
import { type HeadDetail, isTraceEvent, readHead, readHeadDetail, type TraceHead } from "./head.js";
import { detach, isFramedObject, numberAfter, parseContainerAt } from "./line-fields.js";
import { addGap, addModel, keepTop, newRun, type RunState, sampleOf } from "./run-state.js";
import { readSessionAfter } from "./session-after.js";
import { optionsKeyAt, readStreamOptions, readStreamSizes } from "./stream-context.js";
import type {
  TraceRunSample,
  TraceSummarizer,
  TraceSummarizerOptions,
  TraceSummary,
} from "./types.js";

const DEFAULTS: Required<TraceSummarizerOptions> = {
  strict: false,
  maxLineChars: 8 * 1024 * 1024,
  maxRunIds: 200_000,
  maxActiveRuns: 2_000,
  maxErrorGroups: 50,
  maxRunSamples: 10,
};

const NO_RUN_ID = "(no run id)";

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) > 32) return false;
  return true;
}

function parseMs(ts: string | null): number | null {
  if (ts === null) return null;
  const ms = Date.parse(ts);
  return Number.isFinite(ms) ? ms : null;
}

function refOf(provider: string | null, model: string | null): string {
  return detach(`${provider ?? "?"}/${model ?? "?"}`);
}

/**
 * An incremental cache-trace summariser: push lines in order, ask for the summary at any time.
 * Memory is bounded by the option caps, never by the input: runs are folded into counters when
 * they fall out of the active window, and only capped lists are kept.
 */
export function createTraceSummarizer(options: TraceSummarizerOptions = {}): TraceSummarizer {
  const opt = { ...DEFAULTS, ...options };
  const s = {
    lines: 0,
    events: 0,
    cut: 0,
    invalid: 0,
    overlong: 0,
    foreign: 0,
    runs: 0,
    runsExact: true,
    attempts: 0,
    retries: 0,
    sameModelRetries: 0,
    fallbacks: 0,
    errors: 0,
    successes: 0,
    retryWait: { totalMs: 0, maxMs: 0, count: 0 },
    firstMs: null as number | null,
    firstTs: null as string | null,
    lastMs: null as number | null,
    lastTs: null as string | null,
    maxTokens: null as TraceSummary["maxTokens"],
    modelOutputLimit: null as number | null,
    contextWindow: null as number | null,
    maxRetryDelayMs: null as number | null,
    toolCount: null as number | null,
    toolNames: [] as string[],
    messagesChars: null as number | null,
    systemChars: null as number | null,
    maxMessageCount: null as number | null,
    inputTokens: null as number | null,
    oversized: 0,
    malformedBodies: 0,
  };
  // Folded runs: their outcome counters and the top samples.
  const done = { runsFailed: 0, runsOk: 0, maxAttempts: 0, samples: [] as TraceRunSample[] };
  const stages = new StageCounts();
  const models = new ModelTable();
  const errors = new ErrorGroups(opt.maxErrorGroups);
  const seenRunIds = new Set<string>();
  const active = new Map<string, RunState>();
  let current: RunState | null = null;
  let stageHint = -1;

  const max = (a: number | null, b: number | null) =>
    b === null ? a : a === null ? b : Math.max(a, b);

  function stamp(ts: string | null): number | null {
    const ms = parseMs(ts);
    if (ms === null || ts === null) return null;
    if (s.firstMs === null || ms < s.firstMs) {
      s.firstMs = ms;
      s.firstTs = detach(ts);
    }
    if (s.lastMs === null || ms >= s.lastMs) {
      s.lastMs = ms;
      s.lastTs = detach(ts);
    }
    return ms;
  }

  function fold(run: RunState): void {
    if (run.lastOutcome === "error") done.runsFailed++;
    else if (run.lastOutcome === "ok") done.runsOk++;
    done.maxAttempts = Math.max(done.maxAttempts, run.attempts);
    keepTop(done.samples, sampleOf(run), opt.maxRunSamples);
  }

  function runFor(head: TraceHead, line: string): { run: RunState; isNew: boolean } {
    const id = head.runId ?? readHeadDetail(line, head).sessionId ?? NO_RUN_ID;
    if (current !== null && current.runId === id) return { run: current, isNew: false };
    let run = active.get(id);
    if (run) {
      current = run;
      return { run, isNew: false };
    }
    const key = detach(id);
    if (!seenRunIds.has(key)) {
      s.runs++;
      if (seenRunIds.size < opt.maxRunIds) seenRunIds.add(key);
      else s.runsExact = false;
    }
    run = newRun(key, null);
    active.set(key, run);
    if (active.size > opt.maxActiveRuns) {
      const oldest = active.keys().next().value;
      if (oldest !== undefined) {
        const evicted = active.get(oldest);
        active.delete(oldest);
        if (evicted) fold(evicted);
      }
    }
    current = run;
    return { run, isNew: true };
  }

  function startAttempt(run: RunState, head: TraceHead, line: string): void {
    const detail = readHeadDetail(line, head);
    if (run.sessionId === null && detail.sessionId !== null)
      run.sessionId = detach(detail.sessionId);
    const ref = refOf(detail.provider, detail.modelId);
    const ms = stamp(detail.ts);
    if (run.attempts > 0) {
      s.retries++;
      if (ref === run.attemptModel) {
        s.sameModelRetries++;
        run.sameModelRetries++;
      } else s.fallbacks++;
      if (ms !== null && run.lastAttemptEndMs !== null) {
        const gap = Math.max(0, ms - run.lastAttemptEndMs);
        addGap(run, gap);
        s.retryWait.totalMs += gap;
        s.retryWait.maxMs = Math.max(s.retryWait.maxMs, gap);
        s.retryWait.count++;
      }
    } else if (ms !== null && detail.ts !== null) {
      run.startMs = ms;
      run.startTs = detach(detail.ts);
    }
    run.attempts++;
    s.attempts++;
    run.attemptModel = ref;
    addModel(run, ref);
    const row = models.row(ref, detail.provider, detail.modelId, detail.modelApi);
    if (row) row.attempts++;
  }

  function endAttempt(run: RunState, head: TraceHead, line: string, lineNo: number): void {
    const detail: HeadDetail = readHeadDetail(line, head);
    const ms = stamp(detail.ts);
    if (ms !== null && detail.ts !== null) {
      run.lastAttemptEndMs = ms;
      run.endMs = ms;
      run.endTs = detach(detail.ts);
    }
    const outcome = readSessionAfter(line);
    run.lastOutcome = outcome.kind;
    if (outcome.kind === "ok") {
      s.successes++;
      run.successes++;
    } else if (outcome.kind === "error") {
      const error = {
        ...outcome,
        provider: outcome.provider ?? detail.provider,
        model: outcome.model ?? detail.modelId,
      };
      s.errors++;
      run.errors++;
      run.lastError = detach(error.message.slice(0, 500));
      if (error.body?.startsWith("[Malformed diagnostic JSON redacted]")) s.malformedBodies++;
      if (error.body?.startsWith("[Oversized diagnostic JSON redacted]")) s.oversized++;
      const row = models.row(
        run.attemptModel ?? refOf(error.provider, error.model),
        null,
        null,
        null,
      );
      if (row) row.errors++;
      errors.add(error, detail.ts, lineNo);
    }
  }

  function readStream(run: RunState, head: TraceHead, line: string): void {
    const optionsAt = optionsKeyAt(line, head.payloadAt);
    const sizes = readStreamSizes(line, head.payloadAt, optionsAt);
    s.messagesChars = max(s.messagesChars, sizes.messagesChars);
    s.systemChars = max(s.systemChars, sizes.systemChars);
    s.maxMessageCount = max(s.maxMessageCount, sizes.messageCount);
    if (sizes.systemRedacted) s.oversized++;
    // Retries of one model in one run resend the same options: read them once.
    const ref = run.attemptModel ?? "?";
    if (run.optionsReadFor.includes(ref)) return;
    if (run.optionsReadFor.length < 8) run.optionsReadFor.push(ref);
    const stream = readStreamOptions(line, optionsAt >= 0 ? optionsAt + 10 : -1);
    if (!stream) return;
    if (stream.maxTokens && (s.maxTokens === null || stream.maxTokens.value > s.maxTokens.value))
      s.maxTokens = stream.maxTokens;
    s.modelOutputLimit = max(s.modelOutputLimit, stream.modelOutputLimit);
    s.contextWindow = max(s.contextWindow, stream.contextWindow);
    s.maxRetryDelayMs = max(s.maxRetryDelayMs, stream.maxRetryDelayMs);
  }

  function readCacheState(line: string, from: number): void {
    const count = numberAfter(line, '"toolCount":', from);
    if (count === null || (s.toolCount !== null && count <= s.toolCount)) return;
    s.toolCount = count;
    const at = line.indexOf('"toolNames":[', from);
    const names = at < 0 ? undefined : parseContainerAt(line, at + 12);
    s.toolNames = Array.isArray(names)
      ? names.filter((n): n is string => typeof n === "string").slice(0, 64)
      : [];
  }

  function handle(line: string, head: TraceHead, lineNo: number): void {
    s.events++;
    stageHint = head.stageKeyAt;
    stages.add(head.stage);
    const { run, isNew } = runFor(head, line);
    const restarted =
      head.seq !== null
        ? head.seq <= run.lastSeq
        : head.stage === "session:loaded" || head.stage === "session:raw-model-run";
    if (isNew || restarted || run.attempts === 0) startAttempt(run, head, line);
    run.lastSeq = head.seq ?? run.lastSeq + 1;
    // The stages read here are PAYLOAD_STAGES (stages.ts); readers may pass others as heads only.
    switch (head.stage) {
      case "session:after":
        endAttempt(run, head, line, lineNo);
        break;
      case "stream:context":
        readStream(run, head, line);
        break;
      case "cache:state":
        readCacheState(line, head.payloadAt);
        break;
      case "cache:result":
        s.inputTokens = max(s.inputTokens, numberAfter(line, '"input":', head.payloadAt));
        break;
    }
  }

  /** Lines the key search could not place: a parse decides (re-serialised pastes have spaces). */
  function slowPath(line: string, lineNo: number, parsed?: unknown): void {
    let value = parsed;
    if (value === undefined) {
      try {
        value = JSON.parse(line);
      } catch {
        s.invalid++;
        return;
      }
    }
    if (!isTraceEvent(value)) {
      s.foreign++;
      return;
    }
    const compact = JSON.stringify(value);
    const fast = readHead(compact);
    if (fast) handle(compact, fast, lineNo);
    else s.foreign++;
  }

  return {
    push(line: string): void {
      if (line.length > opt.maxLineChars) {
        s.lines++;
        s.overlong++;
        return;
      }
      if (isBlank(line)) return;
      s.lines++;
      const lineNo = s.lines;
      if (!isFramedObject(line)) {
        if (line.trimStart().startsWith("{")) s.cut++;
        else s.invalid++;
        return;
      }
      if (opt.strict) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          s.invalid++;
          return;
        }
        const head = readHead(line, stageHint);
        if (head) handle(line, head, lineNo);
        else slowPath(line, lineNo, parsed);
        return;
      }
      const head = readHead(line, stageHint);
      if (head) handle(line, head, lineNo);
      else slowPath(line, lineNo);
    },

    countOverlong(count = 1): void {
      s.lines += count;
      s.overlong += count;
    },

    summary(): TraceSummary {
      let runsFailed = done.runsFailed;
      let runsOk = done.runsOk;
      let maxAttempts = done.maxAttempts;
      const samples = done.samples.map((x) => ({ ...x }));
      for (const run of active.values()) {
        if (run.lastOutcome === "error") runsFailed++;
        else if (run.lastOutcome === "ok") runsOk++;
        maxAttempts = Math.max(maxAttempts, run.attempts);
        keepTop(samples, sampleOf(run), opt.maxRunSamples);
      }
      const malformed = s.cut + s.invalid + s.overlong;
      return {
        lines: s.lines,
        events: s.events,
        malformed,
        malformedDetail: { cut: s.cut, invalid: s.invalid, overlong: s.overlong },
        foreign: s.foreign,
        strict: opt.strict,
        runs: s.runs,
        runsExact: s.runsExact,
        attempts: s.attempts,
        retries: s.retries,
        sameModelRetries: s.sameModelRetries,
        fallbacks: s.fallbacks,
        errors: s.errors,
        successes: s.successes,
        runsFailed,
        runsOk,
        maxAttemptsPerRun: maxAttempts,
        retryWait: { ...s.retryWait },
        firstTs: s.firstTs,
        lastTs: s.lastTs,
        spanMs: s.firstMs !== null && s.lastMs !== null ? s.lastMs - s.firstMs : null,
        stages: stages.toRecord(),
        byModel: models.list(),
        errorGroups: errors.list(),
        errorsNotGrouped: errors.notGrouped,
        runSamples: samples,
        maxTokens: s.maxTokens ? { ...s.maxTokens } : null,
        modelOutputLimit: s.modelOutputLimit,
        contextWindow: s.contextWindow,
        maxRetryDelayMs: s.maxRetryDelayMs,
        toolCount: s.toolCount,
        toolNames: [...s.toolNames],
        request: {
          messagesChars: s.messagesChars,
          systemChars: s.systemChars,
          maxMessageCount: s.maxMessageCount,
          inputTokens: s.inputTokens,
        },
        redacted: { oversized: s.oversized, malformed: s.malformedBodies },
      };
    },
  };
}
