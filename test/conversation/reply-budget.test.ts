import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import type { Thread } from "../../src/core/thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { planFirstReply } from "../helpers/first-reply.js";
import { fixturePath, NOW, readFixture } from "../helpers/fixtures.js";

const kb = loadKnowledge();
/** What a reader reads before giving up: the first reply's prose, code blocks left out. */
const BUDGET = 1500;

function fixture(name: string): Thread {
  return JSON.parse(readFixture("replies", `${name}.json`)) as Thread;
}

/** The bot's first reply to a thread's first message, as the conversation engine plans it. */
function firstReply(thread: Thread): { text: string; reader: string } {
  const first = { ...thread, messages: thread.messages.slice(0, 1) };
  const analysis = analyze(first, kb, NOW);
  return { text: planFirstReply(analysis, kb, NOW), reader: analysis.reader };
}

const prose = (text: string) => text.replace(/```[\s\S]*?```/g, "");
const section = (text: string) => text.split("**What you can do now**")[1] ?? "";
const todo = (text: string) => section(text).match(/^\d+\. \*\*/gm)?.length ?? 0;

const names = readdirSync(fixturePath("replies"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""));

describe("the first reply's budget", () => {
  it.each(names)("%s: under the budget, with at most two things to do now", (name) => {
    const { text } = firstReply(fixture(name));
    expect(prose(text).length).toBeLessThan(BUDGET);
    expect(todo(text)).toBeLessThanOrEqual(2);
  });

  it("an OpenClaw user gets OpenClaw settings and commands, never library code", () => {
    const { text, reader } = firstReply(fixture("openclaw-vague"));
    expect(reader).toBe("openclaw");
    expect(text).toContain("openclaw --version");
    expect(section(text)).not.toMatch(/Math\.random|Bottleneck|maxRetries|const /);
  });

  it("a product user gets no code at all among the things to do", () => {
    const { text, reader } = firstReply(fixture("product-credits-retries"));
    expect(reader).toBe("product");
    expect(section(text)).not.toContain("```");
  });

  it("someone whose traceback shows they write code gets code", () => {
    const { text, reader } = firstReply(fixture("api-python-traceback"));
    expect(reader).toBe("api-code");
    expect(section(text)).toContain("```");
  });

  it("with neither a tool nor code in sight, no code either", () => {
    const { text, reader } = firstReply(fixture("vague-no-tool"));
    expect(reader).toBe("unknown");
    expect(section(text)).not.toContain("```");
  });

  it("each ask is shown once, with its command", () => {
    const { text } = firstReply(fixture("openclaw-vague"));
    expect(text.match(/openclaw --version/g)).toHaveLength(1);
    expect(text.match(/\*\*To pin it down/g)).toHaveLength(1);
  });

  it("what was read is one line", () => {
    const { text } = firstReply(fixture("openclaw-long-thread"));
    expect(text.match(/\*\*What I read:\*\*[^\n]*\n/g)).toHaveLength(1);
    expect(text).not.toContain("**What I read**\n");
  });
});
