import type { IncidentRecord } from "../../core/incidents/types.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { ProviderStatus } from "../../net/status-poller.js";
import { renderPrompt } from "../templates.js";

/**
 * The status page's word on an incident, or null when there is none to give (no feed for the
 * provider, polling off, or the page could not be read: "unknown" is never shown as "all clear").
 */
export function providerStatusLine(
  kb: Knowledge,
  incident: IncidentRecord,
  status: ProviderStatus | null,
): string | null {
  if (!status?.incidents) return null;
  const provider = kb.providers.find((p) => p.id === incident.signature.provider);
  const open = status.incidents[0];
  return renderPrompt(kb, "incident-provider-status", {
    providerName: provider?.name ?? incident.signature.provider,
    incident: open ? { ...open } : null,
  });
}
