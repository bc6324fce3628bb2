import { describe, expect, it } from "vitest";
import { buildEvidenceComment } from "../../../src/core/issue-report/evidence-comment.js";
import { newIssueUrl } from "../../../src/core/issue-report/new-issue-url.js";
import type { Thread } from "../../../src/core/thread.js";
import { fakeKeys } from "./support/fake-keys.js";
import { draft } from "./support/issue-fixtures.js";

const keys = fakeKeys();
const k = Object.fromEntries(keys.map((key) => [key.kind, key.value])) as Record<string, string>;

/** A thread that pastes every credential it has, in the places people paste them. */
const leakyThread: Thread = {
  title: `Gemini 429 with key ${k.google}`,
  messages: [
    {
      author: "reporter",
      role: "reporter",
      content: [
        "openclaw --version: 2026.2.24",
        "Model: google/gemini-2.5-flash",
        "My ~/.openclaw/.env:",
        `GEMINI_API_KEY=${k.google}`,
        `OPENAI_API_KEY=${k["openai-project"]}`,
        `ANTHROPIC_API_KEY=${k.anthropic}`,
        `GITHUB_TOKEN=${k.github}`,
        `SLACK_BOT_TOKEN=${k["slack-bot"]}`,
        "Gateway logs: error=⚠️ API rate limit reached.",
      ].join("\n"),
    },
    {
      author: "reporter",
      role: "reporter",
      content: [
        `curl -H "Authorization: Bearer ${k["bearer-jwt"]}" "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=${k["google-in-url"]}"`,
        '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
        `(sent with x-goog-api-key: ${k.google} and ${k["openai-project"]} as fallback)`,
      ].join("\n"),
      attachments: [
        {
          name: "gateway.log",
          content: [
            `2026-11-27T19:58:01Z [gateway] provider=google key=${k.google} status=429`,
            `2026-11-27T19:58:02Z [gateway] anthropic fallback key=${k.anthropic} ok`,
            `2026-11-27T19:58:03Z [slack] token ${k["slack-bot"]} posting reply`,
            `2026-11-27T19:58:04Z [github] GITHUB_TOKEN=${k.github}`,
            '{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}',
          ].join("\n"),
        },
      ],
    },
  ],
};

/** Every 12-character window of every key's secret part: not even a fragment may survive. */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const key of keys) {
    for (let i = 0; i + 12 <= key.secretPart.length; i++) {
      const piece = key.secretPart.slice(i, i + 12);
      if (text.includes(piece)) {
        found.push(`${key.kind}: …${piece}…`);
        break;
      }
    }
  }
  return found;
}

describe("no secret survives into an issue report", () => {
  const { report, kb } = draft(leakyThread, {
    staffNote: `user pasted ${k.github} earlier`,
    threadUrl: `https://discord.com/channels/1/2?key=${k["google-in-url"]}`,
  });

  it("the thread really is full of keys (the test would prove nothing otherwise)", () => {
    const all = JSON.stringify(leakyThread);
    expect(leaks(all).length).toBe(keys.length);
  });

  it("not in the title, the body or any field", () => {
    expect(leaks(report.title)).toEqual([]);
    expect(leaks(report.body)).toEqual([]);
    for (const value of Object.values(report.fields)) expect(leaks(value)).toEqual([]);
    expect(report.body).toContain("AIza…[redacted]");
  });

  it("not in the pre-filled URL, whole or trimmed", () => {
    for (const maxLength of [8000, 2500]) {
      const { url } = newIssueUrl(report, kb, { repo: "openclaw/openclaw", maxLength });
      expect(leaks(url)).toEqual([]);
      expect(leaks(decodeURIComponent(url))).toEqual([]);
    }
  });

  it("not in the evidence comment for an existing issue", () => {
    const comment = buildEvidenceComment(report, kb, {
      reasons: ["the same fingerprint"],
      threadUrl: `https://discord.com/channels/1/2?key=${k["google-in-url"]}`,
      file: "issue-report.md",
    });
    expect(leaks(comment)).toEqual([]);
  });
});
