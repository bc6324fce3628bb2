import { createHash } from "node:crypto";
import { describeSignature } from "../../core/incidents/signature.js";
import type { IncidentRecord } from "../../core/incidents/types.js";
import type { TriageReport } from "../../core/report.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { IncidentStore } from "../../store/incidents.js";
import type { IssueWatchStore } from "../../store/issue-watch.js";
import { renderPrompt } from "../templates.js";
import type { IncidentTrackerPort, TrackedIssue } from "./tracker-port.js";

const minute = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** One marker per signature: a recurrence within the lookback comments on the same issue. */
export function trackerMarker(signatureKey: string): string {
  return `ratelimit-triage-incident:${createHash("sha256").update(signatureKey).digest("hex").slice(0, 16)}`;
}

export interface TrackerDeps {
  kb: Knowledge;
  tracker: IncidentTrackerPort;
  incidents: IncidentStore;
  issueWatch?: IssueWatchStore | undefined;
  describe: (threadKey: string) => Promise<string>;
}

/**
 * Files (or finds) the incident's issue with every thread linked, remembers it on the incident and
 * watches it for a fix. Already tracked: nothing is written.
 */
export async function fileTracker(
  deps: TrackerDeps,
  incident: IncidentRecord,
  report: TriageReport | null,
): Promise<TrackedIssue> {
  if (incident.tracker) return incident.tracker;
  const threads = await Promise.all(
    (await deps.incidents.threadsOf(incident.id)).map(deps.describe),
  );
  const signature = describeSignature(incident.signature);
  const filed = await deps.tracker.fileOnce({
    marker: trackerMarker(incident.signatureKey),
    title: renderPrompt(deps.kb, "incident-tracker-title", {
      signature,
      since: minute(incident.firstSeenAt),
    }),
    body: renderPrompt(deps.kb, "incident-tracker-body", {
      signature,
      explanation: incident.explanation,
      reporters: incident.reporters,
      knownIssues: report?.facts.knownIssues ?? [],
      threads,
    }),
    labels: [],
  });
  const tracked = { number: filed.number, url: filed.url };
  await deps.incidents.setTracker(incident.id, tracked);
  await deps.issueWatch?.watchIssue(tracked.number, tracked.url);
  return tracked;
}

/** A thread joined a tracked incident: the issue's counts follow. */
export async function updateTracker(
  deps: TrackerDeps,
  incident: IncidentRecord,
  threadKey: string,
): Promise<void> {
  if (!incident.tracker) return;
  const threadCount = (await deps.incidents.threadsOf(incident.id)).length;
  const body = renderPrompt(deps.kb, "incident-tracker-update", {
    reporters: incident.reporters,
    threadCount,
    thread: await deps.describe(threadKey),
  });
  await deps.tracker.comment(incident.tracker.number, body);
}
