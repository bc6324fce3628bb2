import { statusInMessage } from "./error-text.js";
import { detach } from "./line-fields.js";
import type { AttemptOutcome } from "./session-after.js";
import type { TraceErrorGroup, TraceModelStats } from "./types.js";

const MESSAGE_CHARS = 2000;
const MAX_MODELS = 32;
const MAX_STAGES = 64;

/** Per-model attempt and error counts, capped at 32 distinct models. */
export class ModelTable {
  private readonly rows = new Map<string, TraceModelStats>();

  row(
    ref: string,
    provider: string | null,
    model: string | null,
    api: string | null,
  ): TraceModelStats | null {
    let row = this.rows.get(ref);
    if (!row && this.rows.size < MAX_MODELS) {
      row = {
        provider: provider === null ? null : detach(provider),
        model: model === null ? null : detach(model),
        modelApi: api === null ? null : detach(api),
        attempts: 0,
        errors: 0,
      };
      this.rows.set(ref, row);
    }
    return row ?? null;
  }

  list(): TraceModelStats[] {
    return [...this.rows.values()].map((r) => ({ ...r }));
  }
}

/** Counts per stage; after 64 distinct stage names the rest are counted as "(other)". */
export class StageCounts {
  private readonly counts = new Map<string, number>();

  add(stage: string): void {
    const known = this.counts.get(stage);
    if (known !== undefined) this.counts.set(stage, known + 1);
    else if (this.counts.size < MAX_STAGES) this.counts.set(detach(stage), 1);
    else this.counts.set("(other)", (this.counts.get("(other)") ?? 0) + 1);
  }

  toRecord(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

type ErrorOutcome = Extract<AttemptOutcome, { kind: "error" }>;

/** Distinct errors with counts; beyond the cap, errors are only counted. */
export class ErrorGroups {
  private readonly groups = new Map<string, TraceErrorGroup>();
  private last: TraceErrorGroup | null = null;
  notGrouped = 0;

  constructor(private readonly cap: number) {}

  add(error: ErrorOutcome, ts: string | null, line: number): void {
    const message =
      error.message.length > MESSAGE_CHARS ? error.message.slice(0, MESSAGE_CHARS) : error.message;
    // The last group is the likeliest match (retries repeat one error): compare before hashing.
    const last = this.last;
    const group =
      last !== null &&
      last.message === message &&
      last.provider === error.provider &&
      last.model === error.model &&
      last.errorCode === error.code
        ? last
        : this.groups.get(`${error.provider}|${error.model}|${error.code}|${message}`);
    if (group) {
      group.count++;
      if (ts !== null) group.lastTs = detach(ts);
      this.last = group;
      return;
    }
    if (this.groups.size >= this.cap) {
      this.notGrouped++;
      return;
    }
    const stamp = ts === null ? null : detach(ts);
    const keep = (v: string | null) => (v === null ? null : detach(v));
    const created: TraceErrorGroup = {
      provider: keep(error.provider),
      model: keep(error.model),
      errorCode: keep(error.code),
      errorType: keep(error.type),
      status: statusInMessage(message),
      message: detach(message),
      body: error.body === null ? null : detach(error.body.slice(0, MESSAGE_CHARS)),
      count: 1,
      firstTs: stamp,
      lastTs: stamp,
      firstLine: line,
    };
    this.groups.set(
      `${created.provider}|${created.model}|${created.errorCode}|${created.message}`,
      created,
    );
    this.last = created;
  }

  /** Most frequent first; ties keep first-seen order. */
  list(): TraceErrorGroup[] {
    return [...this.groups.values()].map((g) => ({ ...g })).sort((a, b) => b.count - a.count);
  }
}
