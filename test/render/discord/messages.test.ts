import { describe, expect, it } from "vitest";
import type { HandoffCard } from "../../../src/conversation/port.js";
import type { RedactedText } from "../../../src/core/redact/types.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import type { ReplyDoc } from "../../../src/model/reply-doc.js";
import { parseCustomId } from "../../../src/render/discord/custom-ids.js";
import { handoffCardMessage } from "../../../src/render/discord/handoff-card.js";
import { pasteModal, pasteModalText } from "../../../src/render/discord/paste-modal.js";
import { replyMessages } from "../../../src/render/discord/reply-messages.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const paste = `Gemini keeps failing:
{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_input_token_count, limit: 250000, model: gemini-2.5-flash","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}`;
const { report, doc } = triage(
  { messages: [{ content: paste }] },
  kb,
  new Date("2026-11-23T10:00:00Z"),
);

describe("replyMessages", () => {
  it("puts the verdict embed on the first part and the buttons on the last", () => {
    const long: ReplyDoc = {
      sections: [
        ...doc.sections,
        {
          blocks: [
            { kind: "heading", text: "Extra" },
            {
              kind: "list",
              items: Array.from({ length: 150 }, () => ({
                marker: "-" as const,
                line: [{ text: "more detail here" }],
              })),
            },
          ],
        },
      ],
    };
    const parts = replyMessages(long, report);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]?.embeds).toHaveLength(1);
    expect(parts.at(-1)?.components[0]?.components.map((b) => b.label)).toEqual([
      "Paste details",
      "Hand off to a human",
      "Mark solved",
      "Draft GitHub issue",
    ]);
    for (const p of parts) expect(p.content.length).toBeLessThanOrEqual(2000);
    expect(parts.slice(1).every((p) => p.embeds.length === 0)).toBe(true);
  });

  it("fills the embed from the report", () => {
    const [part] = replyMessages(doc, report);
    const fields = Object.fromEntries(
      (part?.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]),
    );
    expect(fields.Class).toBe(`\`${report.errorClass}\``);
    expect(fields.Provider).toBe("google");
    expect(fields.Model).toBe("gemini-2.5-flash");
  });
});

describe("handoffCardMessage", () => {
  const card: HandoffCard = {
    threadKey: "discord:123456789012345678",
    title: "Gemini 429 on the free tier",
    url: "https://discord.com/channels/1/123456789012345678",
    state: "handed_off",
    summary: "Diagnosis: input tokens per minute" as RedactedText,
    report,
    askedAndAnswered: [{ id: "tool_version", askedAt: "2026-11-23T10:00:00Z", answered: false }],
    redactionKinds: ["google-api-key"],
    assignee: null,
  };

  it("binds Claim and Back to bot to the thread and links it", () => {
    const message = handoffCardMessage(card, "123456789012345678");
    const buttons = message.components[0]?.components ?? [];
    expect(buttons.map((b) => b.custom_id ?? b.url)).toEqual([
      "rt:claim:123456789012345678",
      "rt:back:123456789012345678",
      card.url,
    ]);
    expect(parseCustomId(buttons[0]?.custom_id ?? "")).toEqual({
      kind: "claim",
      threadId: "123456789012345678",
    });
    expect(message.embeds[0]?.fields?.find((f) => f.name === "Assignee")?.value).toBe("unclaimed");
  });

  it("shows the assignee and disables Claim once claimed", () => {
    const message = handoffCardMessage({ ...card, assignee: "222222222222222222" }, "1");
    expect(message.embeds[0]?.fields?.find((f) => f.name === "Assignee")?.value).toBe(
      "<@222222222222222222>",
    );
    expect(message.components[0]?.components[0]?.disabled).toBe(true);
  });

  it("links the pre-filled issue form while nothing is filed", () => {
    const issueUrl =
      "https://github.com/openclaw/openclaw/issues/new?template=bug_report.yml&title=x";
    const message = handoffCardMessage({ ...card, issueUrl }, "123456789012345678");
    expect(message.embeds[0]?.fields?.find((f) => f.name === "GitHub issue")?.value).toBe(
      `not filed yet; [open the pre-filled form](${issueUrl})`,
    );
    const link = message.components[0]?.components.at(-1);
    expect(link).toMatchObject({ style: 5, label: "Issue form", url: issueUrl });

    // A form link too long for a link button (512) is in the embed only, never cut.
    const long = `${issueUrl}&body=${"a".repeat(900)}`;
    const longCard = handoffCardMessage({ ...card, issueUrl: long }, "1");
    expect(longCard.embeds[0]?.fields?.find((f) => f.name === "GitHub issue")?.value).toContain(
      long,
    );
    expect(longCard.components[0]?.components.some((b) => b.label === "Issue form")).toBe(false);
  });

  it("shows the issue filed (or commented on) instead of the form", () => {
    const url = "https://github.com/openclaw/openclaw/issues/42";
    const filed = handoffCardMessage(
      {
        ...card,
        issueUrl: "https://github.com/openclaw/openclaw/issues/new?title=x",
        issueFiled: { number: 42, url, action: "created" },
      },
      "1",
    );
    const field = (m: typeof filed) =>
      m.embeds[0]?.fields?.find((f) => f.name === "GitHub issue")?.value;
    expect(field(filed)).toBe(`filed as [#42](${url})`);
    expect(filed.components[0]?.components.at(-1)).toMatchObject({ label: "Issue #42", url });
    const commented = handoffCardMessage(
      { ...card, issueFiled: { number: 7, url, action: "commented" } },
      "1",
    );
    expect(field(commented)).toBe(`evidence added to [#7](${url})`);
  });

  it("keeps all embeds within 6,000 characters: the summary gives way", () => {
    const message = handoffCardMessage(
      {
        ...card,
        summary: "x".repeat(4096) as RedactedText,
        issueUrl: `https://github.com/o/r/issues/new?body=${"a".repeat(950)}`,
      },
      "1",
    );
    const embed = message.embeds[0];
    const total =
      (embed?.title?.length ?? 0) +
      (embed?.description?.length ?? 0) +
      (embed?.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
  });
});

describe("paste modal", () => {
  it("has the three fields within Discord's limits", () => {
    const modal = pasteModal();
    expect(modal.title.length).toBeLessThanOrEqual(45);
    const inputs = modal.components.map((row) => row.components[0]);
    expect(inputs.map((i) => i?.custom_id)).toEqual(["version", "error", "status"]);
    for (const i of inputs) expect(i?.label.length).toBeLessThanOrEqual(45);
  });

  it("turns the answers into one paste, skipping blanks", () => {
    expect(pasteModalText({ version: "OpenClaw 2026.9.6", error: "", status: " ok " })).toBe(
      "Tool and version:\nOpenClaw 2026.9.6\n\nModels status:\nok",
    );
  });
});
