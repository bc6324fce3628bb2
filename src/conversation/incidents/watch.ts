import { createHash } from "node:crypto";
import { evaluateCluster, isQuiet } from "../../core/incidents/cluster.js";
import { incidentSignature, signatureKey } from "../../core/incidents/signature.js";
import {
  DEFAULT_INCIDENT_SETTINGS,
  type IncidentRecord,
  type IncidentSettings,
  type IncidentSignature,
} from "../../core/incidents/types.js";
import type { RedactedText } from "../../core/redact/types.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Action } from "../../model/actions.js";
import type { IncidentStore } from "../../store/incidents.js";
import type { ThreadChange, ThreadSnapshot } from "../../store/records.js";
import { incidentEndedAlert, incidentList, incidentNote, incidentOpenedAlert } from "./messages.js";
import {
  type CommitInThread,
  noteInThread,
  onePerPlatform,
  staffAlertVia,
} from "./thread-notes.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** What the engine needs to watch for incidents; without it, no clustering happens. */
export interface IncidentDeps {
  store: IncidentStore;
  settings?: Partial<IncidentSettings>;
  /** A sentence about the provider's status page for this incident, when one is known. */
  providerStatus?: (incident: IncidentRecord) => string | null;
  /** Called after an incident opened or a thread joined it (the tracker issue follows it). */
  onChange?: (incident: IncidentRecord, threadKeys: string[]) => Promise<void>;
}

export interface IncidentWatch {
  readonly settings: IncidentSettings;
  /** After a committed event: its verdict's signature joins the windows; notes for threads. */
  observe(change: ThreadChange): Promise<Action[]>;
  /** Ends quiet incidents (staff alerts). */
  tick(now: Date): Promise<Action[]>;
  /** The /incidents answer: open incidents, then recent ones. */
  list(): Promise<RedactedText>;
}

interface WatchContext {
  kb: Knowledge;
  loadThread: (threadKey: string) => Promise<ThreadSnapshot | null>;
  commit: CommitInThread;
}

function incidentId(key: string, at: string): string {
  const digest = createHash("sha256").update(`${key}@${at}`).digest("hex").slice(0, 6);
  return `inc-${at.slice(0, 16).replace(/[-:T]/g, "")}-${digest}`;
}

export function createIncidentWatch(deps: IncidentDeps, ctx: WatchContext): IncidentWatch {
  const settings: IncidentSettings = { ...DEFAULT_INCIDENT_SETTINGS, ...deps.settings };
  const store = deps.store;
  // The usual rate fades with τ; three τ of history carry nearly all of its weight.
  const historyMs = Math.max(
    settings.baselineHours * 3 * HOUR_MS,
    settings.windowMinutes * MINUTE_MS,
  );

  async function describe(threadKey: string): Promise<string> {
    const thread = (await ctx.loadThread(threadKey))?.thread;
    const title = thread?.title ?? "(untitled)";
    return `${title} · ${thread?.url ?? threadKey}`;
  }

  async function noteThreads(incident: IncidentRecord, threadKeys: string[], at: Date) {
    const actions: Action[] = [];
    const text = incidentNote(ctx.kb, incident, deps.providerStatus?.(incident) ?? null);
    for (const key of threadKeys) {
      await store.addThread(incident.id, key, at.toISOString());
      const eventId = `incident:${incident.id}:note:${key}`;
      actions.push(
        ...(await ctx.commit(key, eventId, noteInThread(eventId, at, text, "incident"))),
      );
    }
    return actions;
  }

  async function alertStaff(
    incident: IncidentRecord,
    what: "opened" | "ended",
    text: RedactedText,
    at: Date,
  ): Promise<Action[]> {
    const actions: Action[] = [];
    for (const carrier of onePerPlatform(await store.threadsOf(incident.id))) {
      const eventId = `incident:${incident.id}:${what}:${carrier.split(":")[0]}`;
      actions.push(...(await ctx.commit(carrier, eventId, staffAlertVia(eventId, at, text))));
    }
    return actions;
  }

  async function join(incident: IncidentRecord, threadKey: string, at: Date): Promise<Action[]> {
    const hits = await store.hitsFor(incident.signatureKey, incident.firstSeenAt);
    const reporters = new Set(hits.map((h) => h.reporterKey)).size;
    await store.touch(incident.id, at.toISOString(), reporters, incident.explanation);
    const current = { ...incident, reporters: Math.max(reporters, incident.reporters) };
    const actions = await noteThreads(current, [threadKey], at);
    await deps.onChange?.(current, await store.threadsOf(incident.id));
    return actions;
  }

  async function maybeOpen(
    signature: IncidentSignature,
    change: ThreadChange,
    at: Date,
  ): Promise<Action[]> {
    const key = signatureKey(signature);
    const since = new Date(at.getTime() - historyMs).toISOString();
    const view = evaluateCluster(await store.hitsFor(key, since), at, settings);
    if (!view.opens || view.firstAt === null) return [];
    const { incident, opened } = await store.open({
      id: incidentId(key, at.toISOString()),
      signatureKey: key,
      signature,
      openedAt: at.toISOString(),
      firstSeenAt: view.firstAt,
      lastHitAt: at.toISOString(),
      reporters: view.reporters,
      explanation: view.explanation,
    });
    if (!opened) return join(incident, change.thread.key, at);
    const actions = await noteThreads(incident, view.threadKeys, at);
    const threads = await Promise.all((await store.threadsOf(incident.id)).map(describe));
    const status = deps.providerStatus?.(incident) ?? null;
    const alert = incidentOpenedAlert(ctx.kb, incident, settings, threads, status);
    actions.push(...(await alertStaff(incident, "opened", alert, at)));
    await deps.onChange?.(incident, await store.threadsOf(incident.id));
    return actions;
  }

  return {
    settings,
    async observe(change) {
      const report = change.verdict?.report;
      if (!report) return [];
      const signature = incidentSignature(report);
      if (!signature) return [];
      const key = signatureKey(signature);
      const at = new Date(change.verdict?.at ?? change.thread.updatedAt);
      const thread = change.thread;
      await store.recordHit({
        signatureKey: key,
        threadKey: thread.key,
        reporterKey: `${thread.platform}:${thread.reporterId}`,
        at: at.toISOString(),
      });
      const active = await store.activeFor(key);
      if (active) return join(active, thread.key, at);
      return maybeOpen(signature, change, at);
    },
    async tick(now) {
      const actions: Action[] = [];
      for (const incident of await store.active()) {
        if (!isQuiet(incident, now, settings)) continue;
        const closedAt = new Date(
          Date.parse(incident.lastHitAt) + settings.quietMinutes * MINUTE_MS,
        );
        if (!(await store.close(incident.id, closedAt.toISOString()))) continue;
        const ended = { ...incident, closedAt: closedAt.toISOString() };
        const threads = await Promise.all((await store.threadsOf(incident.id)).map(describe));
        const alert = incidentEndedAlert(ctx.kb, ended, settings, threads);
        actions.push(...(await alertStaff(ended, "ended", alert, now)));
      }
      return actions;
    },
    async list() {
      const recent = await store.recent(20);
      const rows = await Promise.all(
        recent.map(async (incident) => ({
          incident,
          threadCount: (await store.threadsOf(incident.id)).length,
        })),
      );
      return incidentList(ctx.kb, rows);
    },
  };
}
