import { describe, expect, it } from "vitest";
import type { IncidentContext } from "../../../src/core/incidents/in-incident.js";
import { incidentSignature, signatureKey } from "../../../src/core/incidents/signature.js";
import type { IncidentRecord } from "../../../src/core/incidents/types.js";
import { buildIssueReport } from "../../../src/core/issue-report/build-report.js";
import type { Thread } from "../../../src/core/thread.js";
import { loadIssueForm } from "../../../src/knowledge/issue-form.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const AT = new Date("2026-05-01T12:30:00Z");
const GEMINI = `openclaw 2026.2.24 with gemini-2.5-flash: HTTP 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}} at 10% of my quota`;
// A decided per-minute limit with the reporter's own numbers over their own limit.
const OWN_TPM =
  "Getting this all afternoon: RateLimitError: 429 Rate limit reached for gpt-4o in organization org-FAKE on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230.";

const threadOf = (text: string): Thread => ({
  messages: [{ author: "alice", role: "reporter", content: text }],
});
const NONE: IncidentContext = { open: [], providerPages: [] };

/** An open incident on the signature the evidence of `text` leaves. */
function openIncidentFor(text: string): IncidentRecord {
  const signature = incidentSignature(triage(threadOf(text), kb, AT).report);
  if (!signature) throw new Error("the fixture leaves no signature");
  return {
    id: "inc-202605011200-abc123",
    signatureKey: signatureKey(signature),
    signature,
    openedAt: "2026-05-01T12:12:00Z",
    firstSeenAt: "2026-05-01T12:00:00Z",
    lastHitAt: "2026-05-01T12:12:00Z",
    closedAt: null,
    reporters: 5,
    explanation: "5 reporters in 12 min; usual: 0.0/h",
    tracker: null,
  };
}

describe("a verdict read against the incidents open now", () => {
  it("the same thread is provider_incident during an open incident, and its own verdict without", () => {
    const alone = triage(threadOf(GEMINI), kb, AT);
    const incident = openIncidentFor(GEMINI);
    const during = triage(threadOf(GEMINI), kb, AT, undefined, {
      open: [incident],
      providerPages: [],
    });
    const ended = triage(threadOf(GEMINI), kb, AT, undefined, {
      open: [{ ...incident, closedAt: "2026-05-01T13:12:00Z" }],
      providerPages: [],
    });

    expect(alone.report.errorClass).toBe("unknown");
    expect(alone.report.incident).toBeUndefined();

    expect(during.report.errorClass).toBe("provider_incident");
    expect(during.report.underlyingClass).toBe(alone.report.errorClass);
    expect(during.report.retryable).toBe(true);
    expect(during.report.incident).toEqual({
      source: "community",
      id: incident.id,
      explanation: "5 reporters in 12 min; usual: 0.0/h",
      since: "2026-05-01T12:00:00Z",
      url: null,
    });
    expect(during.report.reply).toContain("**Diagnosis: provider-side change or incident**");
    expect(during.report.reply).toContain(
      "📣 Many people are hitting the same failure right now (5 reporters in 12 min; usual: 0.0/h; since 2026-05-01 12:00 UTC).",
    );
    expect(during.report.reply).toContain(
      "What this thread's evidence alone says: not enough evidence yet.",
    );
    expect(during.report.reply).toContain("⏱️ Wait it out");
    // The thread still counts toward the incident it is in, not a new provider_incident signature.
    expect(incidentSignature(during.report)).toEqual(incidentSignature(alone.report));

    // Ended (or no incident given): what the evidence says, word for word.
    expect(ended.report).toEqual(alone.report);
    expect(triage(threadOf(GEMINI), kb, AT, undefined, NONE).report).toEqual(alone.report);
  });

  it("an issue drafted from a thread in an incident says so, with the incident's explanation", () => {
    const thread = threadOf(GEMINI);
    const context = { open: [openIncidentFor(GEMINI)], providerPages: [] };
    const { analysis } = triage(thread, kb, AT, undefined, context);
    const draft = buildIssueReport(analysis, thread, { kb, form: loadIssueForm() });
    expect(draft.body).toContain(
      "Many users hit this at the same time (5 reporters in 12 min; usual: 0.0/h (since 2026-05-01 12:00 UTC))",
    );
    // The reason is the thread's own, not "a provider-side change the tool does not surface".
    expect(draft.body).not.toContain("the tool does not surface");
  });

  it("an incident on the provider's status page bears on an undecided thread of that provider", () => {
    const page: IncidentContext = {
      open: [],
      providerPages: [
        {
          provider: "google",
          incidents: [
            {
              name: "Elevated error rates on Gemini API",
              status: "investigating",
              impact: "major",
              url: "https://status.example.test/incidents/1",
              startedAt: "2026-05-01T11:50:00Z",
            },
          ],
        },
      ],
    };
    const during = triage(threadOf(GEMINI), kb, AT, undefined, page).report;
    expect(during.errorClass).toBe("provider_incident");
    expect(during.incident).toMatchObject({ source: "status_page", id: null });
    expect(during.reply).toContain(
      "📣 Google Gemini API (AI Studio)'s status page: “Elevated error rates on Gemini API” (investigating).",
    );
    expect(during.reply).toContain("(https://status.example.test/incidents/1)");

    // Another provider's page says nothing about this thread.
    const elsewhere = {
      ...page,
      providerPages: [{ ...page.providerPages[0], provider: "openai" }],
    };
    expect(
      triage(threadOf(GEMINI), kb, AT, undefined, elsewhere as IncidentContext).report.errorClass,
    ).toBe("unknown");
  });

  it("a thread whose own numbers show its own limit keeps its verdict, incident or not", () => {
    const alone = triage(threadOf(OWN_TPM), kb, AT).report;
    expect(alone.verdictTier).toBe("decided");
    const incident = openIncidentFor(OWN_TPM);
    const during = triage(threadOf(OWN_TPM), kb, AT, undefined, {
      open: [incident],
      providerPages: [],
    }).report;
    expect(during).toEqual(alone);
  });
});
