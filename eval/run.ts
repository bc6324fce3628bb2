/**
 * `npm run eval [-- PATH ...] [--detail]`: diagnosis quality on labelled real help threads, read
 * at run time (default `../shared/dev-threads/`; never copied into this repository). Prints
 * provider, errorClass (overall, per class, confusion), retryable and first-ask recall, as
 * `npm run bench` prints speed. `--detail` adds one line per thread that missed.
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { parseThreadInput } from "../src/core/input/parse-thread.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { triage } from "../src/triage.js";
import { askIds } from "./asks.js";
import { contractProvider, type LabelledThread, readLabelledThreads } from "./threads.js";

const ROOT = join(import.meta.dirname, "..");
const NOW = new Date("2026-12-01T12:00:00Z");

interface Outcome {
  thread: LabelledThread;
  set: string;
  provider: string;
  errorClass: string;
  retryable: boolean | null;
  asked: Set<string>;
}

function transcriptOf(t: LabelledThread): string {
  const messages = [t.input, ...t.followups].map((content) => ({ author: "reporter", content }));
  return JSON.stringify({ title: t.title, messages });
}

function run(thread: LabelledThread, set: string, kb: ReturnType<typeof loadKnowledge>): Outcome {
  const whole = triage(parseThreadInput(transcriptOf(thread)).thread, kb, NOW).report;
  const first = triage(
    parseThreadInput(transcriptOf({ ...thread, followups: [] })).thread,
    kb,
    NOW,
  ).report;
  return {
    thread,
    set,
    provider: whole.provider,
    errorClass: whole.errorClass,
    retryable: whole.retryable,
    asked: new Set(first.missing.map((m) => m.id)),
  };
}

/** OpenClaw's raw-error question is answered from its logs: asking one asks for the other. */
const ANSWERED_TOGETHER: Record<string, string> = { logs: "raw_error" };
function asked(o: Outcome, id: string): boolean {
  const alias = ANSWERED_TOGETHER[id];
  return o.asked.has(id) || (alias !== undefined && o.asked.has(alias));
}

const pct = (n: number, d: number) => (d === 0 ? "  n/a" : `${((100 * n) / d).toFixed(1)} %`);

function summary(label: string, outcomes: readonly Outcome[]): string[] {
  const n = outcomes.length;
  const provider = outcomes.filter((o) => o.provider === contractProvider(o.thread.truth.provider));
  const exact = outcomes.filter((o) => o.errorClass === o.thread.truth.errorClass);
  const knownRetry = outcomes.filter((o) => o.thread.truth.retryable !== "unknown");
  const retry = knownRetry.filter((o) => o.retryable === o.thread.truth.retryable);
  let wanted = 0;
  let got = 0;
  let asks = 0;
  for (const o of outcomes) {
    asks += o.asked.size;
    const ids = new Set(o.thread.truth.missingInfoAtStart.flatMap(askIds));
    wanted += ids.size;
    got += [...ids].filter((id) => asked(o, id)).length;
  }
  return [
    `${label} (${n} threads)`,
    `  provider      ${String(provider.length).padStart(3)}/${n}  ${pct(provider.length, n)}`,
    `  errorClass    ${String(exact.length).padStart(3)}/${n}  ${pct(exact.length, n)}`,
    `  retryable     ${String(retry.length).padStart(3)}/${knownRetry.length}  ${pct(retry.length, knownRetry.length)}  (threads labelled true/false)`,
    `  first asks    ${String(got).padStart(3)}/${wanted}  ${pct(got, wanted)}  recall; ${(asks / Math.max(1, n)).toFixed(1)} asks per first reply`,
  ];
}

function perClass(outcomes: readonly Outcome[]): string[] {
  const classes = [...new Set(outcomes.map((o) => o.thread.truth.errorClass))].sort();
  const lines = [
    "",
    "| class | threads | right | recall | answered instead |",
    "|---|---:|---:|---:|---|",
  ];
  for (const c of classes) {
    const of = outcomes.filter((o) => o.thread.truth.errorClass === c);
    const right = of.filter((o) => o.errorClass === c).length;
    const instead = new Map<string, number>();
    for (const o of of.filter((x) => x.errorClass !== c))
      instead.set(o.errorClass, (instead.get(o.errorClass) ?? 0) + 1);
    const others = [...instead].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`);
    lines.push(
      `| ${c} | ${of.length} | ${right} | ${pct(right, of.length)} | ${others.join(", ")} |`,
    );
  }
  return lines;
}

function detail(outcomes: readonly Outcome[]): string[] {
  const lines = ["", "misses:"];
  for (const o of outcomes) {
    const t = o.thread.truth;
    const wrong: string[] = [];
    if (o.errorClass !== t.errorClass) wrong.push(`class ${o.errorClass} ≠ ${t.errorClass}`);
    if (o.provider !== contractProvider(t.provider))
      wrong.push(`provider ${o.provider} ≠ ${contractProvider(t.provider)}`);
    if (t.retryable !== "unknown" && o.retryable !== t.retryable)
      wrong.push(`retryable ${o.retryable} ≠ ${t.retryable}`);
    const ids = [...new Set(t.missingInfoAtStart.flatMap(askIds))];
    const missed = ids.filter((id) => !asked(o, id));
    if (missed.length > 0) wrong.push(`asks missed ${missed.join(",")}`);
    if (wrong.length > 0) lines.push(`  ${o.thread.id.padEnd(14)} ${wrong.join(" · ")}`);
  }
  return lines;
}

const args = process.argv.slice(2);
const showDetail = args.includes("--detail");
const paths = args.filter((a) => !a.startsWith("--"));
const sources = paths.length > 0 ? paths : [join(ROOT, "..", "shared", "dev-threads")];
const missing = sources.filter((p) => !existsSync(p));
if (missing.length > 0) {
  process.stderr.write(
    `eval: ${missing.join(", ")} not found: the labelled threads are read at run time from ../shared/dev-threads (or name a folder or file)\n`,
  );
  process.exit(2);
}

const kb = loadKnowledge();
const outcomes: Outcome[] = [];
for (const source of sources) {
  for (const thread of readLabelledThreads(source)) {
    const set = basename(source).replace(/\.json$/u, "");
    const group = thread.id.startsWith("dev-oc")
      ? "openclaw"
      : thread.id.startsWith("dev-ext")
        ? "other tools"
        : set;
    outcomes.push(run(thread, group, kb));
  }
}
const lines = [...summary("all", outcomes)];
const sets = [...new Set(outcomes.map((o) => o.set))];
if (sets.length > 1)
  for (const s of sets)
    lines.push(
      ...summary(
        s,
        outcomes.filter((o) => o.set === s),
      ),
    );
lines.push(...perClass(outcomes));
if (showDetail) lines.push(...detail(outcomes));
process.stdout.write(`${lines.join("\n")}\n`);
