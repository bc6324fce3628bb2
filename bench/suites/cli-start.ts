/**
 * CLI cold start: each command as a fresh process, median of BENCH_CLI_RUNS runs (default 20),
 * each round also running `node -e 0` (Node's own start), so both see the same machine load. BENCH_CLI_BASELINE=<checkout>
 * adds another checkout's bundle (e.g. main's, built there with `npm run build:cli`), run
 * alternately with this one so both see the same machine load. CPU time (user + system) comes
 * from /usr/bin/time when it exists: steadier than wall time on a busy machine.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { BenchSuite } from "../run.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 20);
const PASTE = "Error 429 RESOURCE_EXHAUSTED quota exceeded for gemini-2.5-flash\n";
const SECRET = "key=AIzaSyA1234567890abcdefghijklmnopqrstuv\n";

interface Case {
  name: string;
  /** The command, run from the checkout's root. */
  args: (root: string) => string[];
  input: string;
  /** Runs in the baseline checkout too (the bundle's commands; not npm's). */
  compared: boolean;
}

const NODE_ALONE = [process.execPath, "-e", "0"];

const CASES: Case[] = [
  ...(
    [
      ["--help", ["--help"], ""],
      ["redact", ["redact"], SECRET],
      ["analyze, a one-line paste", ["analyze"], PASTE],
      ["analyze --json, a one-line paste", ["analyze", "--json"], PASTE],
    ] as const
  ).map(([name, args, input]) => ({
    name,
    args: (root: string) => [process.execPath, join(root, "dist/cli/main.mjs"), ...args],
    input,
    compared: true,
  })),
  {
    name: "npm run --silent triage -- --help",
    args: () => ["npm", "run", "--silent", "triage", "--", "--help"],
    input: "",
    compared: false,
  },
];

interface Sample {
  wallMs: number;
  cpuMs: number | null;
}

function runOnce(argv: string[], input: string, cwd: string, scratch: string): Sample {
  const [cmd, ...args] = argv as [string, ...string[]];
  const timeFile = join(scratch, "time.txt");
  const useTime = existsSync("/usr/bin/time");
  const start = performance.now();
  const run = useTime
    ? spawnSync("/usr/bin/time", ["-f", "%U %S", "-o", timeFile, cmd, ...args], { cwd, input })
    : spawnSync(cmd, args, { cwd, input });
  const wallMs = performance.now() - start;
  if (run.status !== 0) throw new Error(`${argv.join(" ")} exited ${run.status}: ${run.stderr}`);
  if (!useTime) return { wallMs, cpuMs: null };
  const [user, system] = readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  return { wallMs, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function summary(samples: Sample[]): string {
  const wall = `${median(samples.map((s) => s.wallMs)).toFixed(0)} ms`;
  const cpu = samples.every((s) => s.cpuMs !== null)
    ? `, CPU ${median(samples.map((s) => s.cpuMs as number)).toFixed(0)} ms`
    : "";
  return `${wall}${cpu}`;
}

export const suite: BenchSuite = {
  name: "cli-start",
  async run() {
    // The bundle of these sources, as `npm ci` builds it (snapshot included).
    execFileSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs")]);
    const baseline = process.env.BENCH_CLI_BASELINE;
    if (baseline && !existsSync(join(baseline, "dist/cli/main.mjs")))
      throw new Error(
        `BENCH_CLI_BASELINE: no ${baseline}/dist/cli/main.mjs (npm run build:cli there)`,
      );
    const scratch = mkdtempSync(join(tmpdir(), "rlt-cli-start-"));
    const lines = [
      `median of ${RUNS} cold runs each, interleaved; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} at the start`,
    ];
    try {
      for (const c of CASES) {
        const node: Sample[] = [];
        const here: Sample[] = [];
        const there: Sample[] = [];
        for (let i = 0; i < RUNS; i++) {
          node.push(runOnce(NODE_ALONE, "", ROOT, scratch));
          here.push(runOnce(c.args(ROOT), c.input, ROOT, scratch));
          if (baseline && c.compared)
            there.push(runOnce(c.args(baseline), c.input, baseline, scratch));
        }
        const compared = there.length > 0 ? `; baseline ${summary(there)}` : "";
        lines.push(`${c.name}: ${summary(here)}${compared}; node -e 0 ${summary(node)}`);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    lines.push(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} at the end`,
    );
    return lines;
  },
};
