import { z } from "zod";

/** An incident a provider's own status page shows as not resolved. */
export interface ProviderIncident {
  name: string;
  status: string;
  impact: string | null;
  url: string | null;
  startedAt: string | null;
}

// Atlassian Statuspage's /api/v2/summary.json: `incidents` lists the unresolved ones.
const StatuspageSummary = z.object({
  incidents: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      impact: z.string().nullish(),
      shortlink: z.string().nullish(),
      created_at: z.string().nullish(),
    }),
  ),
});

// incident.io's public status page proxy: `summary.ongoing_incidents`.
const IncidentIoSummary = z.object({
  summary: z.object({
    ongoing_incidents: z.array(
      z.object({
        name: z.string(),
        status: z.string().nullish(),
        current_worst_impact: z.string().nullish(),
        url: z.string().nullish(),
        published_at: z.string().nullish(),
      }),
    ),
  }),
});

/**
 * The open incidents in a status feed, or null when the body is not the feed we expected (the
 * page changed its format): a parse problem must read as "unknown", never as "all clear".
 */
export function parseStatusFeed(
  kind: "statuspage" | "incident.io",
  body: unknown,
): ProviderIncident[] | null {
  if (kind === "statuspage") {
    const parsed = StatuspageSummary.safeParse(body);
    if (!parsed.success) return null;
    return parsed.data.incidents
      .filter((i) => i.status !== "resolved" && i.status !== "postmortem")
      .map((i) => ({
        name: i.name,
        status: i.status,
        impact: i.impact ?? null,
        url: i.shortlink ?? null,
        startedAt: i.created_at ?? null,
      }));
  }
  const parsed = IncidentIoSummary.safeParse(body);
  if (!parsed.success) return null;
  return parsed.data.summary.ongoing_incidents.map((i) => ({
    name: i.name,
    status: i.status ?? "ongoing",
    impact: i.current_worst_impact ?? null,
    url: i.url ?? null,
    startedAt: i.published_at ?? null,
  }));
}
