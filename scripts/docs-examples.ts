/**
 * `npm run docs:examples`: the README's examples are what the project prints now. Each example
 * sits between `<!-- docs:example NAME -->` and `<!-- /docs:example -->` in README.md; this
 * regenerates them, and test/docs/readme-examples.test.ts fails when README.md differs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "../src/cli/main.js";
import { parseThreadInput } from "../src/core/input/parse-thread.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { triage } from "../src/triage.js";

export const ROOT = join(import.meta.dirname, "..");
export const README = join(ROOT, "README.md");
/** The analyze examples' clock: a per-day quota's reset depends on it. */
export const EXAMPLE_NOW = new Date("2026-11-27T20:00:00Z");
const CONSOLE_START = "2026-05-01T16:00:00Z";
const FLAGSHIP = "test/fixtures/threads/openclaw-incident-whole-thread.json";
const PER_DAY = "test/fixtures/threads/gemini-free-tier-per-day.json";
const SESSION = "test/fixtures/conversation/session-per-day.txt";

function reportOf(file: string) {
  const thread = parseThreadInput(readFileSync(join(ROOT, file), "utf8")).thread;
  return triage(thread, loadKnowledge(), EXAMPLE_NOW).report;
}

const fence = (lang: string, text: string, ticks = "````") =>
  `${ticks}${lang}\n${text.trimEnd()}\n${ticks}`;

function flagship(): string {
  return fence("markdown", reportOf(FLAGSHIP).reply);
}

function perDayJson(): string {
  const r = reportOf(PER_DAY);
  const abridged = {
    provider: r.provider,
    model: r.model,
    errorClass: r.errorClass,
    retryable: r.retryable,
    retryAfterSeconds: r.retryAfterSeconds,
    confidence: r.confidence,
    audience: r.audience,
    language: r.language,
    facts: { resetAt: r.facts.resetAt, "...": "..." },
    missing: r.missing.map((m) => m.id),
    mitigations: r.mitigations.map((m) => ({ id: m.id })),
  };
  const json = JSON.stringify(abridged, null, 2)
    .replace(/\{\s+"id": ("[^"]+")\s+\}/g, "{ $1 }")
    .replace(/\{ ("[^"]+") \}/g, '{ "id": $1 }');
  return fence("json", json, "```");
}

async function issueExcerpt(): Promise<string> {
  let out = "";
  const stdin = new PassThrough();
  stdin.end("");
  await runCli(["issue", join(ROOT, FLAGSHIP)], {
    stdin,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: () => 0 },
  });
  const md = out.split("\n---\n")[0] ?? "";
  const title = md.split("\n")[0] ?? "";
  const section = (name: string) => md.split(`### ${name}\n`)[1]?.split("\n### ")[0]?.trim() ?? "";
  const steps = section("Steps to reproduce").split("\n");
  const fingerprint = md.match(/^Fingerprint: .*$/m)?.[0] ?? "";
  return fence(
    "markdown",
    [
      title,
      `### Summary\n\n${section("Summary")}`,
      `### Steps to reproduce\n\n${steps.slice(0, 4).join("\n")}${steps.length > 4 ? "\n[…]" : ""}`,
      fingerprint,
    ].join("\n\n"),
  );
}

/** The console, as `npm start` runs it with no tokens, on a fresh database and a fixed clock. */
async function consoleSession(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "rlt-docs-"));
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/main.ts")], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: dir,
          DATABASE_PATH: join(dir, "demo.db"),
          CONSOLE_START_TIME: CONSOLE_START,
          LOG_LEVEL: "silent",
        },
        stdio: ["pipe", "pipe", "ignore"],
      });
      let text = "";
      child.stdout.on("data", (c: Buffer) => {
        text += c.toString("utf8");
      });
      child.on("error", reject);
      child.on("close", () => resolve(text));
      child.stdin.end(readFileSync(join(ROOT, SESSION)));
    });
    return fence("text", trimSession(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A pasted error body is a wall of JSON, and /card is documented elsewhere: both are marked, not shown. */
function trimSession(out: string): string {
  const lines = out
    .split("\n")
    .map((l) =>
      l.length > 300 && l.trimStart().startsWith("{") ? "[… the raw error body is pasted …]" : l,
    );
  const card = lines.indexOf("> /card");
  return (card >= 0 ? [...lines.slice(0, card), "> /card", "[… the handoff card …]"] : lines).join(
    "\n",
  );
}

export async function renderExamples(): Promise<Record<string, string>> {
  return {
    "analyze-flagship": flagship(),
    "analyze-json-per-day": perDayJson(),
    "console-session": await consoleSession(),
    "issue-excerpt": await issueExcerpt(),
  };
}

const MARKED = /(<!-- docs:example ([\w-]+) -->\n)([\s\S]*?)(\n<!-- \/docs:example -->)/g;

/** README.md with every marked example replaced by what the project prints now. */
export function applyExamples(readme: string, examples: Record<string, string>): string {
  return readme.replace(MARKED, (whole, open: string, name: string, _old: string, close: string) =>
    examples[name] === undefined ? whole : `${open}${examples[name]}${close}`,
  );
}

/** The example names README.md marks. */
export function markedExamples(readme: string): string[] {
  return [...readme.matchAll(MARKED)].map((m) => m[2] ?? "");
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const readme = readFileSync(README, "utf8");
  const next = applyExamples(readme, await renderExamples());
  writeFileSync(README, next);
  process.stdout.write(
    next === readme ? "README.md examples are current\n" : "README.md examples regenerated\n",
  );
}
