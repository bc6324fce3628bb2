import { describe, expect, it } from "vitest";
import { incidentSignature, signatureKey } from "../../../src/core/incidents/signature.js";
import type { Thread } from "../../../src/core/thread.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { verdictEmbed } from "../../../src/render/discord/verdict-embed.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const AT = new Date("2026-05-01T12:30:00Z");
const thread: Thread = {
  messages: [
    {
      author: "alice",
      role: "reporter",
      content:
        'openclaw 2026.2.24 with gemini-2.5-flash: HTTP 429 {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
    },
  ],
};

describe("the Discord verdict embed", () => {
  it("names the incident a verdict was read against, and the evidence's own class beside it", () => {
    const alone = triage(thread, kb, AT).report;
    const signature = incidentSignature(alone);
    if (!signature) throw new Error("no signature");
    const during = triage(thread, kb, AT, undefined, {
      open: [
        {
          id: "inc-1",
          signatureKey: signatureKey(signature),
          signature,
          openedAt: "2026-05-01T12:12:00Z",
          firstSeenAt: "2026-05-01T12:00:00Z",
          lastHitAt: "2026-05-01T12:12:00Z",
          closedAt: null,
          reporters: 5,
          explanation: "5 reporters in 12 min; usual: 0.0/h",
          tracker: null,
        },
      ],
      providerPages: [],
    }).report;

    const embed = verdictEmbed(during);
    expect(embed.title).toBe("Incident: 5 reporters in 12 min; usual: 0.0/h");
    expect(embed.fields).toContainEqual({
      name: "Class",
      value: "`provider_incident`",
      inline: true,
    });
    expect(embed.fields).toContainEqual({
      name: "Evidence alone",
      value: `\`${alone.errorClass}\``,
      inline: true,
    });
    expect(verdictEmbed(alone).fields?.some((f) => f.name === "Evidence alone")).toBe(false);
  });
});
