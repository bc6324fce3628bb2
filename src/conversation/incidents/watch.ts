import { createHash } from "node:crypto";
import { evaluateCluster, isQuiet } from "../../core/incidents/cluster.js";
import type { IncidentContext } from "../../core/incidents/in-incident.js";
import { pointsAtTool } from "../../core/incidents/points-at-tool.js";
import { incidentSignature, signatureKey } from "../../core/incidents/signature.js";
import type { ProviderIncident } from "../../core/incidents/status-feed.js";
import {
  DEFAULT_INCIDENT_SETTINGS,
  type IncidentRecord,
  type IncidentSettings,
  type IncidentSignature,
} from "../../core/incidents/types.js";
import { redact } from "../../core/redact/redact.js";
import type { TriageReport } from "../../core/report.js";
import type { ProviderId } from "../../core/vocabulary.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Action } from "../../model/actions.js";
import type { IncidentStore } from "../../store/incidents.js";
import type { IssueWatchStore } from "../../store/issue-watch.js";
import type { ThreadChange, ThreadSnapshot } from "../../store/records.js";
import { draftLanguage } from "../context.js";
import type { Draft } from "../draft.js";
import type { ConversationPolicy } from "../policy.js";
import { plainNotice, type RenderedNotice } from "../templates.js";
import { checkWatchedIssues } from "./loop-back.js";
import {
  incidentEndedAlert,
  incidentListNotice,
  incidentNote,
  incidentOpenedAlert,
} from "./messages.js";
import { ClusterPacing } from "./pacing.js";
import {
  type CommitInThread,
  noteInThread,
  onePerPlatform,
  staffAlertVia,
} from "./thread-notes.js";
import { fileTracker, type TrackerDeps, updateTracker } from "./tracker.js";
import type { IncidentTrackerPort } from "./tracker-port.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** What the engine needs to watch for incidents; without it, no clustering happens. */
export interface IncidentDeps {
  store: IncidentStore;
  settings?: Partial<IncidentSettings>;
  /** A sentence about the provider's status page for this incident, when one is known. */
  providerStatus?: (incident: IncidentRecord) => string | null;
  /** The providers whose status page shows an open incident now (the poller's last reading). */
  providerIncidents?: () => ReadonlyArray<{
    provider: ProviderId;
    incidents: readonly ProviderIncident[];
  }>;
  /** The issue tracker (GitHub); null or absent: no tracker issues and no loop back. */
  tracker?: IncidentTrackerPort | null;
  /** Issues watched for a fix (the bot's filed ones and incident trackers). */
  issueWatch?: IssueWatchStore;
  /** Milliseconds between checks of watched issues, on the engine's ticks; 0 or absent: never. */
  issuePollMs?: number;
  /** A tracker or poll failure: logged by the caller; the incident itself goes on. */
  onError?: (error: unknown) => void;
}

export interface IncidentWatch {
  readonly settings: IncidentSettings;
  /** After a committed event: its verdict's signature joins the windows; notes for threads. */
  observe(change: ThreadChange): Promise<Action[]>;
  /** Ends quiet incidents (staff alerts). */
  tick(now: Date): Promise<Action[]>;
  /** The /incidents answer: open incidents, then recent ones. */
  list(): Promise<RenderedNotice>;
  /** Staff ask for the tracker issue of an open incident (the newest when no id is given). */
  track(id?: string): Promise<RenderedNotice>;
  /** What a verdict is read against now: the open incidents and the status pages' ones. */
  context(): Promise<IncidentContext>;
}

interface WatchContext {
  kb: Knowledge;
  policy: ConversationPolicy;
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
  const trackerDeps: TrackerDeps | null = deps.tracker
    ? { kb: ctx.kb, tracker: deps.tracker, incidents: store, issueWatch: deps.issueWatch, describe }
    : null;
  let lastIssuePoll = Number.NEGATIVE_INFINITY;
  const pacing = new ClusterPacing();
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
    const status = deps.providerStatus?.(incident) ?? null;
    // Each thread reads the note in its own language (or its channel's).
    const text = (draft: Draft) =>
      incidentNote(ctx.kb, incident, status, draftLanguage(draft, ctx));
    for (const key of threadKeys) {
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
    text: RenderedNotice,
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
    let reporters = incident.reporters;
    const counting = `incident:${incident.id}`;
    if (pacing.due(counting, at.getTime())) {
      const hits = await store.hitsFor(incident.signatureKey, incident.firstSeenAt);
      reporters = new Set(hits.map((h) => h.reporterKey)).size;
      pacing.countedAt(counting, at.getTime(), hits.length);
    }
    await store.touch(incident.id, at.toISOString(), reporters, incident.explanation);
    const current = { ...incident, reporters: Math.max(reporters, incident.reporters) };
    const joined = await store.addThread(incident.id, threadKey, at.toISOString());
    const actions = await noteThreads(current, [threadKey], at);
    if (joined && trackerDeps) {
      await updateTracker(trackerDeps, current, threadKey).catch((e) => deps.onError?.(e));
    }
    return actions;
  }

  /** The tracker issue, when the cluster points at the tool; failures never stop the incident. */
  async function maybeTrack(incident: IncidentRecord, report: TriageReport) {
    if (!trackerDeps || !pointsAtTool(report)) return incident;
    try {
      return { ...incident, tracker: await fileTracker(trackerDeps, incident, report) };
    } catch (error) {
      deps.onError?.(error);
      return incident;
    }
  }

  async function maybeOpen(
    signature: IncidentSignature,
    change: ThreadChange,
    at: Date,
  ): Promise<Action[]> {
    const key = signatureKey(signature);
    const since = new Date(at.getTime() - historyMs).toISOString();
    const hits = await store.hitsFor(key, since);
    pacing.countedAt(key, at.getTime(), hits.length);
    const view = evaluateCluster(hits, at, settings);
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
    for (const key of view.threadKeys) await store.addThread(incident.id, key, at.toISOString());
    const tracked = change.verdict ? await maybeTrack(incident, change.verdict.report) : incident;
    const actions = await noteThreads(tracked, view.threadKeys, at);
    const threads = await Promise.all((await store.threadsOf(incident.id)).map(describe));
    const status = deps.providerStatus?.(incident) ?? null;
    const alert = incidentOpenedAlert(ctx.kb, tracked, settings, threads, status);
    actions.push(...(await alertStaff(incident, "opened", alert, at)));
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
      if (!pacing.due(key, at.getTime())) return [];
      return maybeOpen(signature, change, at);
    },
    async tick(now) {
      const actions: Action[] = [];
      const pollMs = deps.issuePollMs ?? 0;
      if (
        deps.tracker &&
        deps.issueWatch &&
        pollMs > 0 &&
        now.getTime() - lastIssuePoll >= pollMs
      ) {
        lastIssuePoll = now.getTime();
        const loop = {
          kb: ctx.kb,
          policy: ctx.policy,
          tracker: deps.tracker,
          issueWatch: deps.issueWatch,
          commit: ctx.commit,
        };
        try {
          actions.push(...(await checkWatchedIssues(loop, now)));
        } catch (error) {
          // GitHub down: the next poll tries again; the notes already committed still go out.
          deps.onError?.(error);
        }
      }
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
    async context() {
      // A status page's words end up in replies: redacted like anything else the bot echoes.
      const clean = (text: string) => redact(text, ctx.kb.secretRules).text;
      const pages = (deps.providerIncidents?.() ?? [])
        .filter((p) => p.incidents.length > 0)
        .map((p) => ({
          provider: p.provider,
          incidents: p.incidents.map((i) => ({
            ...i,
            name: clean(i.name),
            status: clean(i.status),
          })),
        }));
      return { open: await store.active(), providerPages: pages };
    },
    async list() {
      const recent = await store.recent(20);
      const rows = await Promise.all(
        recent.map(async (incident) => ({
          incident,
          threadCount: (await store.threadsOf(incident.id)).length,
        })),
      );
      return incidentListNotice(ctx.kb, rows);
    },
    async track(id) {
      const open = await store.active();
      const incident = id ? open.find((i) => i.id === id) : open.at(-1);
      if (!incident) return plainNotice(id ? `No open incident ${id}.` : "No open incident.");
      if (!trackerDeps) return plainNotice("Filing is not configured (GITHUB_TOKEN, GITHUB_REPO).");
      try {
        const tracked = await fileTracker(trackerDeps, incident, null);
        return plainNotice(`Tracked in ${tracked.url}`);
      } catch (error) {
        // GitHub down or refusing: staff hear it plainly, the details go to the log.
        deps.onError?.(error);
        return plainNotice(
          `The tracker issue for ${incident.id} could not be filed now; try again later (the bot's log has the details).`,
        );
      }
    },
  };
}
