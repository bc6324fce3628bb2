import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readLabelledThreads } from "../../eval/threads.js";
import { parseThreadInput } from "../../src/core/input/parse-thread.js";
import type { Thread } from "../../src/core/thread.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { triage } from "../../src/triage.js";
import type { BenchSuite } from "../run.js";
import { percentile } from "../support/percentiles.js";
import { type ConversationSizes, proseChars, replaySizes } from "../support/reply-sizes.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SHARED = join(ROOT, "..", "shared");
const NOW = new Date("2026-12-01T12:00:00Z");
/** The first reply's budget, in characters outside code blocks (test/conversation/reply-budget.test.ts). */
const BUDGET = 1500;

function devCases(): Array<{ id: string; thread: Thread }> {
  const dir = join(SHARED, "dev-cases");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expect.json"))
    .sort()
    .map((f) => ({
      id: f.replace(/\.json$/, ""),
      thread: parseThreadInput(readFileSync(join(dir, f), "utf8")).thread,
    }));
}

function devThreads(): Array<{ id: string; thread: Thread }> {
  const dir = join(SHARED, "dev-threads");
  if (!existsSync(dir)) return [];
  return readLabelledThreads(dir).map((t) => ({
    id: t.id,
    thread: {
      title: t.title,
      messages: [t.input, ...t.followups].map((content) => ({
        role: "reporter" as const,
        content,
      })),
    },
  }));
}

function line(label: string, values: number[]): string {
  if (values.length === 0) return `${label.padEnd(44)} n=0`;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `${label.padEnd(44)} n=${String(values.length).padEnd(4)} mean ${mean.toFixed(0).padStart(5)}  p50 ${String(percentile(values, 50)).padStart(5)}  p90 ${String(percentile(values, 90)).padStart(5)}  max ${String(Math.max(...values)).padStart(5)}`;
}

function report(set: string, runs: ConversationSizes[]): string[] {
  const firsts = runs.map((r) => r.first);
  return [
    line(`${set}: first reply, prose`, firsts),
    line(
      `${set}: first reply, with code`,
      runs.map((r) => r.firstTotal),
    ),
    line(
      `${set}: follow-ups, prose`,
      runs.flatMap((r) => r.followups),
    ),
    `${set}: first replies over ${BUDGET} prose chars: ${firsts.filter((n) => n > BUDGET).length} of ${firsts.length}`,
  ];
}

/**
 * `npm run bench -- replies`: how long the bot's replies are, measured on the dev cases and the
 * labelled dev threads of ../shared (read at run time), replayed message by message.
 * `REPLIES_SHOW=<id>` prints that thread's first reply.
 */
export const suite: BenchSuite = {
  name: "replies: sizes in characters (code blocks excluded unless said)",
  async run() {
    const kb = loadKnowledge();
    const cases = devCases();
    const threads = devThreads();
    if (cases.length + threads.length === 0)
      return ["../shared/dev-cases and dev-threads are absent: nothing to measure"];
    const show = process.env.REPLIES_SHOW;
    const lines: string[] = [];
    for (const [set, items] of [
      ["dev cases", cases],
      ["dev threads", threads],
    ] as const) {
      const runs = items.map((c) => {
        const sizes = replaySizes(c.thread, kb, NOW);
        if (show && c.id.includes(show)) lines.push(`--- ${c.id} ---`, sizes.firstText, "---");
        return sizes;
      });
      lines.push(...report(set, runs));
      const cli = items.map((c) => proseChars(triage(c.thread, kb, NOW).report.reply));
      lines.push(line(`${set}: analyze (whole thread), prose`, cli));
    }
    return lines;
  },
};
