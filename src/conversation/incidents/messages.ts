import { describeSignature } from "../../core/incidents/signature.js";
import type { IncidentRecord, IncidentSettings } from "../../core/incidents/types.js";
import type { RedactedText } from "../../core/redact/types.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { type RenderedNotice, renderNotice } from "../templates.js";

/** Classes where many people at once rules out the reporter's own quota or key. */
const NOT_QUOTA = new Set([
  "capacity_or_overload",
  "provider_incident",
  "client_bug",
  "rpm",
  "tpm",
  "unknown",
]);

const minute = (iso: string) => iso.slice(0, 16).replace("T", " ");

export function incidentNote(
  kb: Knowledge,
  incident: IncidentRecord,
  providerStatus: string | null,
  lang = "en",
): RenderedNotice {
  return renderNotice(
    kb,
    "incident-note",
    {
      reporters: incident.reporters,
      signature: describeSignature(incident.signature),
      since: minute(incident.firstSeenAt),
      notQuota: NOT_QUOTA.has(incident.signature.errorClass),
      providerStatus,
      tracker: incident.tracker?.url ?? null,
    },
    lang,
  );
}

export function incidentOpenedAlert(
  kb: Knowledge,
  incident: IncidentRecord,
  settings: IncidentSettings,
  threads: string[],
  providerStatus: string | null,
): RenderedNotice {
  return renderNotice(kb, "incident-opened", {
    signature: describeSignature(incident.signature),
    explanation: incident.explanation,
    minReporters: settings.minReporters,
    windowMinutes: settings.windowMinutes,
    rateFactor: settings.rateFactor,
    providerStatus,
    threads,
  });
}

export function incidentEndedAlert(
  kb: Knowledge,
  incident: IncidentRecord,
  settings: IncidentSettings,
  threads: string[],
): RenderedNotice {
  return renderNotice(kb, "incident-ended", {
    signature: describeSignature(incident.signature),
    quietMinutes: settings.quietMinutes,
    reporters: incident.reporters,
    threadCount: threads.length,
    openedAt: minute(incident.firstSeenAt),
    closedAt: minute(incident.closedAt ?? incident.lastHitAt),
    threads,
  });
}

export function incidentList(
  kb: Knowledge,
  incidents: ReadonlyArray<{ incident: IncidentRecord; threadCount: number }>,
): RedactedText {
  return incidentListNotice(kb, incidents).text;
}

/** The /incidents answer: its Markdown and its structure. */
export function incidentListNotice(
  kb: Knowledge,
  incidents: ReadonlyArray<{ incident: IncidentRecord; threadCount: number }>,
): RenderedNotice {
  return renderNotice(kb, "incident-list", {
    none: incidents.length === 0,
    incidents: incidents.map(({ incident, threadCount }) => ({
      // What staff type to track it: `/incidents track <id>`.
      id: incident.id,
      status: incident.closedAt ? "ended" : "open",
      signature: describeSignature(incident.signature),
      explanation: incident.explanation,
      reporters: incident.reporters,
      since: minute(incident.firstSeenAt),
      closedAt: incident.closedAt ? minute(incident.closedAt) : null,
      threadCount,
      tracker: incident.tracker?.url ?? null,
    })),
  });
}
