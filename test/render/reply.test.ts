import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { triage } from "../../src/triage.js";
import { NOW, threadFixture } from "../helpers/fixtures.js";

const kb = loadKnowledge();

describe("the Markdown reply", () => {
  it("first reply on a rewritten error asks for everything missing at once, with commands", () => {
    const { report } = triage(threadFixture("openclaw-rewrite-first-post"), kb, NOW);
    expect(report.reply).toContain("**To pin it down, please paste all of these in one reply:**");
    expect(report.reply).toContain("openclaw --version");
    expect(report.reply).toContain("OPENCLAW_CACHE_TRACE=1");
    expect(report.reply).toContain("openclaw models status --probe --probe-provider google --json");
    expect(report.reply).toMatch(/rewrite of the provider's answer/);
    expect(report.reply).not.toContain("What changed since the last message");
  });

  it("the whole thread's reply is one a maintainer would sign", () => {
    const { report } = triage(threadFixture("openclaw-incident-whole-thread"), kb, NOW);
    const reply = report.reply;
    expect(reply).toContain("**Diagnosis: provider-side change or incident**");
    expect(reply).toContain("OpenClaw 2026.2.24");
    expect(reply).toMatch(/raw error: HTTP 429 · RESOURCE_EXHAUSTED/);
    expect(reply).toMatch(/probe: .*invalid API key/);
    expect(reply).toContain(
      "~~Billing, credits or a zero quota on this tier~~ — a minimal request with the same key succeeds",
    );
    // Three reasons at most: the JSON report keeps every one.
    expect(reply.match(/^- ~~/gm)).toHaveLength(3);
    expect(report.ruledOut.length).toBeGreaterThan(3);
    expect(reply).toContain("CLI env vs gateway env");
    expect(reply).toContain("~/.openclaw/.env");
    expect(reply).toContain("**Next experiment**");
    expect(reply).toContain('tools: { byProvider: { "google": { profile: "minimal" } } }');
    expect(reply.split("**What you can do now**")[1]?.match(/^\d\. \*\*/gm)).toHaveLength(2);
    expect(reply).toContain("Reply `/issue`");
  });

  it("a follow-up says what the last message changed", () => {
    const { report } = triage(threadFixture("openclaw-incident-whole-thread"), kb, NOW);
    const changed =
      report.reply.split("**What changed since the last message**")[1]?.split("\n\n")[0] ?? "";
    expect(changed).toContain(
      "ruled out: Account or key blocked (a minimal request with the same key succeeds)",
    );
    expect(changed).not.toContain("maxTokens 512");
  });

  it("states when a per-day quota resets instead of the misleading retryDelay", () => {
    const { report } = triage(threadFixture("gemini-free-tier-per-day"), kb, NOW);
    expect(report.reply).toContain("resets at 2026-11-28 08:00 UTC (in 12 h)");
    expect(report.reply).toContain("ignore the short retryDelay");
  });

  it("states the wait for a short-window limit", () => {
    const { report } = triage(threadFixture("openai-tpm-try-again"), kb, NOW);
    expect(report.reply).toContain("Retry after 5.282 s");
  });
});

describe("reply layout", () => {
  it("keeps list items together and fences commands (no blank lines inside lists)", () => {
    const { report } = triage(threadFixture("openclaw-rewrite-first-post"), kb, NOW);
    expect(report.reply).not.toMatch(/^- .*\n\n- /m);
    expect(report.reply).toMatch(/\*\*What I read:\*\* [^\n]+\n\n/);
    expect(report.reply).toMatch(
      /1\. \*\*The tool and its version\*\*.*\n```\nopenclaw --version\n```/,
    );
    expect(report.reply).toContain('("⚠️ API rate limit reached")');
  });
});

describe("reply and secrets", () => {
  it("tells the user which secrets were removed and where to rotate them, and never echoes them", () => {
    const key = ["AIza", "SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW"].join("");
    const thread = {
      messages: [
        {
          content: `curl "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=${key}"\nHTTP/2 429`,
        },
      ],
    };
    const { report } = triage(thread, kb, NOW);
    expect(report.reply).toMatch(/^🔐 I removed 1 Google API key \(`AIza…\[redacted\]`\)/);
    expect(report.reply).toContain("https://aistudio.google.com/app/apikey");
    expect(JSON.stringify(report)).not.toContain(key.slice(8));
    expect(report.redactions[0]).toMatchObject({
      kind: "google-api-key",
      preview: "AIza…[redacted]",
    });
  });
});
