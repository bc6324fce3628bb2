import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import type { HandoffCard } from "../../../src/conversation/port.js";
import { trustedText } from "../../../src/core/redact/redact.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { plainDoc, type ReplyDoc, span } from "../../../src/model/reply-doc.js";
import { LIMITS } from "../../../src/render/slack/block-kit.js";
import { docFallback } from "../../../src/render/slack/doc-blocks.js";
import { renderHandoffCard } from "../../../src/render/slack/handoff-card.js";
import { renderHomeView } from "../../../src/render/slack/home-view.js";
import { ACTION_IDS, PASTE_DETAILS_VIEW, PASTE_FIELDS } from "../../../src/render/slack/ids.js";
import { renderPasteModal } from "../../../src/render/slack/paste-modal.js";
import { renderNotice, renderReplyMessage } from "../../../src/render/slack/reply-message.js";
import { triage } from "../../../src/triage.js";
import { expectWithinLimits } from "./limits.js";

const kb = loadKnowledge();
const NOW = new Date("2026-03-01T12:00:00Z");
const KEY = "slack:C1:1700000000.000100";
const DEV_CASES = "/work/shared/dev-cases";

function reportFor(content: string) {
  return triage({ messages: [{ content }] }, kb, NOW).report;
}

describe("the reply", () => {
  const cases = readdirSync(DEV_CASES).filter(
    (f) => f.endsWith(".json") && !f.endsWith(".expect.json"),
  );

  test.each(cases)("%s renders within Slack's limits, with the four buttons", (file) => {
    const thread = JSON.parse(readFileSync(`${DEV_CASES}/${file}`, "utf8"));
    const { report, doc } = triage(thread, kb, NOW);
    const message = renderReplyMessage(doc, report, KEY);
    expectWithinLimits(message.blocks, LIMITS.blocksPerMessage);
    const actions = message.blocks.at(-1);
    expect(actions?.type).toBe("actions");
    if (actions?.type !== "actions") return;
    expect(actions.elements.map((b) => [b.action_id, b.value])).toEqual([
      [ACTION_IDS.pasteDetails, KEY],
      [ACTION_IDS.handoff, KEY],
      [ACTION_IDS.solved, KEY],
      [ACTION_IDS.issue, KEY],
    ]);
    expect(message.text.length).toBeLessThanOrEqual(300);
    expect(message.text).not.toContain("\n");
  });

  test("a reply far over 50 blocks is cut with a note, never refused", () => {
    const report = reportFor("429 Too Many Requests");
    const huge: ReplyDoc = {
      sections: Array.from({ length: 80 }, (_, i) => ({
        blocks: [
          { kind: "heading" as const, text: `Step ${i}` },
          { kind: "lines" as const, lines: [[{ text: "why ".repeat(200) }]] },
          { kind: "code" as const, text: `cmd ${i}` },
        ],
      })),
    };
    const message = renderReplyMessage(huge, report, KEY);
    expect(message.blocks).toHaveLength(LIMITS.blocksPerMessage);
    expectWithinLimits(message.blocks, LIMITS.blocksPerMessage);
    expect(JSON.stringify(message.blocks)).toContain("The reply was cut to fit Slack");
  });

  test("the footer states the class, confidence and removed secrets", () => {
    const report = reportFor("429 Too Many Requests");
    const withSecret = { ...report, redactions: [{ kind: "openai-api-key", preview: "sk-…" }] };
    const footer = renderReplyMessage(plainDoc("x"), withSecret, KEY).blocks.at(-2);
    expect(JSON.stringify(footer)).toMatch(/confidence \d\.\d\d.*1 secret\(s\) removed/);
  });

  test("fallback text is the first line with words, in mrkdwn", () => {
    const doc: ReplyDoc = {
      sections: [
        { blocks: [{ kind: "code", text: "code" }] },
        {
          blocks: [{ kind: "lines", lines: [[], [span("Diagnosis: TPM", "bold"), span(" <x>")]] }],
        },
      ],
    };
    expect(docFallback(doc)).toBe("*Diagnosis: TPM* &lt;x&gt;");
    expect(docFallback({ sections: [] })).toBe("Rate-limit triage");
  });

  test("a notice can mention someone", () => {
    const notice = renderNotice(plainDoc("Any news? The thread closes tomorrow."), "U0123ABC");
    expect(notice.text).toBe("<@U0123ABC> Any news? The thread closes tomorrow.");
    expect(notice.blocks[0]).toEqual({
      type: "rich_text",
      elements: [
        {
          type: "rich_text_section",
          elements: [
            { type: "user", user_id: "U0123ABC" },
            { type: "text", text: " " },
            { type: "text", text: "Any news? The thread closes tomorrow." },
          ],
        },
      ],
    });
  });
});

describe("the handoff card", () => {
  const report = reportFor(
    "RateLimitError: 429 Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 26411, Requested 6230.",
  );
  const card: HandoffCard = {
    threadKey: KEY,
    title: "TPM <!channel> on gpt-4o",
    url: "https://fake.slack.com/archives/C1/p1700000000000100",
    state: "handed_off",
    summary: trustedText("**Diagnosis: TPM** for `gpt-4o`"),
    report,
    askedAndAnswered: [
      {
        id: "account_tier",
        askedAt: NOW.toISOString(),
        answered: false,
        label: "Your tier or plan",
      },
      { id: "tool_version", askedAt: NOW.toISOString(), answered: true },
    ],
    redactionKinds: ["openai-api-key"],
    assignee: null,
    reason: "requested",
    requestedBy: "Ada",
    affected: ["Bob"],
    messageCounts: { reporter: 3, community: 1, staff: 0 },
    reporter: "Ada",
  };

  test("unclaimed: Claim and Back to bot; the details staff need; pasted text escaped", () => {
    const message = renderHandoffCard(card);
    expectWithinLimits(message.blocks, LIMITS.blocksPerMessage);
    const json = JSON.stringify(message.blocks);
    expect(message.text).toBe("Handoff: TPM &lt;!channel&gt; on gpt-4o");
    expect(json).toContain(
      "<https://fake.slack.com/archives/C1/p1700000000000100|TPM &lt;!channel&gt; on gpt-4o>",
    );
    expect(json).toContain("⏳ Your tier or plan · ✅ tool_version");
    expect(json).toContain("Secrets removed: openai-api-key");
    expect(json).toContain("Why: the user asked for a human (Ada)");
    expect(json).toContain("Also affected: Bob");
    // Header text is plain_text, which Slack never parses; mrkdwn must be escaped.
    const mrkdwn = message.blocks.filter((b) => b.type !== "header");
    expect(JSON.stringify(mrkdwn)).not.toContain("<!channel>");
    const actions = message.blocks.at(-1);
    expect(
      actions?.type === "actions" && actions.elements.map((b) => [b.action_id, b.value]),
    ).toEqual([
      [ACTION_IDS.claim, KEY],
      [ACTION_IDS.backToBot, KEY],
    ]);
  });

  test("claimed: shows the assignee and drops Claim; without buttons for ephemeral use", () => {
    const claimed = renderHandoffCard({ ...card, assignee: "U0STAFF1" });
    expect(JSON.stringify(claimed.blocks)).toContain("*Assignee*\\n<@U0STAFF1>");
    const actions = claimed.blocks.at(-1);
    expect(actions?.type === "actions" && actions.elements.map((b) => b.action_id)).toEqual([
      ACTION_IDS.backToBot,
    ]);
    expect(renderHandoffCard(card, false).blocks.some((b) => b.type === "actions")).toBe(false);
  });

  test("GitHub issue: the pre-filled form until filed, then the issue", () => {
    const issueUrl =
      "https://github.com/openclaw/openclaw/issues/new?template=bug_report.yml&title=x";
    const open = renderHandoffCard({ ...card, issueUrl });
    expectWithinLimits(open.blocks, LIMITS.blocksPerMessage);
    expect(JSON.stringify(open.blocks)).toContain(
      "*GitHub issue:* not filed yet; <https://github.com/openclaw/openclaw/issues/new?template=bug_report.yml&amp;title=x|open the pre-filled form> or run /issue",
    );
    const url = "https://github.com/openclaw/openclaw/issues/42";
    const filed = renderHandoffCard({
      ...card,
      issueUrl,
      issueFiled: { number: 42, url, action: "created" },
    });
    const json = JSON.stringify(filed.blocks);
    expect(json).toContain(`*GitHub issue:* filed as <${url}|#42>`);
    expect(json).not.toContain("pre-filled form");
    const commented = renderHandoffCard({
      ...card,
      issueFiled: { number: 7, url, action: "commented" },
    });
    expect(JSON.stringify(commented.blocks)).toContain(`evidence added to <${url}|#7>`);
    expect(JSON.stringify(renderHandoffCard(card).blocks)).not.toContain("GitHub issue");
    // In the ephemeral /card answer too.
    expect(JSON.stringify(renderHandoffCard({ ...card, issueUrl }, false).blocks)).toContain(
      "open the pre-filled form",
    );
  });
});

describe("App Home", () => {
  const hours = (h: number) => new Date(NOW.getTime() - h * 3600_000);
  const threads = [
    {
      threadKey: "slack:C1:1.1",
      title: "fresh",
      state: "awaiting_user" as const,
      assignee: null,
      lastActivity: hours(1),
    },
    {
      threadKey: "slack:C1:1.2",
      title: "old",
      state: "awaiting_user" as const,
      assignee: null,
      lastActivity: hours(30),
    },
    {
      threadKey: "slack:C1:1.3",
      title: "human",
      url: "https://x.slack.com/p3",
      state: "handed_off" as const,
      assignee: null,
      lastActivity: hours(2),
    },
    {
      threadKey: "slack:C1:1.4",
      title: "taken",
      state: "handed_off" as const,
      assignee: "U1",
      lastActivity: hours(2),
    },
    {
      threadKey: "slack:C1:1.5",
      title: "done",
      state: "diagnosed" as const,
      assignee: null,
      lastActivity: hours(2),
    },
  ];

  test("staff see threads by what they need", () => {
    const view = renderHomeView({ threads, now: NOW, staleSoonHours: 20, isStaff: true });
    expect(view.type).toBe("home");
    const sections = view.blocks
      .map((b) =>
        b.type === "header" ? `# ${b.text.text}` : b.type === "section" ? b.text.text : null,
      )
      .filter(Boolean);
    expect(sections[0]).toBe("# Awaiting the user (1)");
    expect(sections[1]).toMatch(
      /^• fresh · last activity <!date\^\d+\^\{date_short_pretty\} \{time\}\|2026-03-01T11:00Z>$/,
    );
    expect(sections[2]).toBe("# Handed off, unclaimed (1)");
    expect(sections[3]).toMatch(/^• <https:\/\/x\.slack\.com\/p3\|human>/);
    expect(sections[4]).toBe("# Stale soon (1)");
    expect(sections[5]).toMatch(/^• old/);
  });

  test("many threads stay within the view's limits; others get the help text", () => {
    const [first] = threads;
    if (!first) throw new Error("no fixture");
    const many = Array.from({ length: 500 }, (_, i) => ({
      ...first,
      threadKey: `slack:C1:${i}.1`,
      title: `t${i} ${"w".repeat(90)}`,
    }));
    const view = renderHomeView({ threads: many, now: NOW, staleSoonHours: 20, isStaff: true });
    expectWithinLimits(view.blocks, LIMITS.blocksPerView);
    expect(JSON.stringify(view.blocks)).toContain("…and 475 more");
    const help = renderHomeView({ threads, now: NOW, staleSoonHours: 20, isStaff: false });
    expect(JSON.stringify(help.blocks)).toContain("/triage");
    expect(JSON.stringify(help.blocks)).not.toContain("fresh");
  });
});

describe("the Paste details modal", () => {
  test("three optional inputs, metadata carried, titles within limits", () => {
    const modal = renderPasteModal('{"threadKey":"slack:C1:1.2"}');
    expect(modal.callback_id).toBe(PASTE_DETAILS_VIEW);
    expect(modal.private_metadata).toBe('{"threadKey":"slack:C1:1.2"}');
    expect(modal.title.text.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    const inputs = modal.blocks.filter((b) => b.type === "input");
    expect(
      inputs.map((b) => b.type === "input" && [b.block_id, b.element.action_id, b.optional]),
    ).toEqual([
      [PASTE_FIELDS.version, PASTE_FIELDS.version, true],
      [PASTE_FIELDS.rawError, PASTE_FIELDS.rawError, true],
      [PASTE_FIELDS.modelsStatus, PASTE_FIELDS.modelsStatus, true],
    ]);
  });
});
