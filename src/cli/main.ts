#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastCommands } from "./code-cache.js";
import { COMMAND_HELP, wantsHelp } from "./help.js";
import { type CliIo, type Command, UsageError } from "./io.js";
import { useKnowledgeSnapshot } from "./snapshot-path.js";

const HELP = `ratelimit-triage: triage LLM rate-limit help threads, offline.

Usage:
  ratelimit-triage analyze [--json] [FILE ...]   triage one thread (files or stdin)
  ratelimit-triage redact                        redact secrets from stdin to stdout
  ratelimit-triage trace [--json] [--strict] FILE|-  summarise an OpenClaw cache-trace JSONL (gzip ok;
                                                 --strict parses every line)
  ratelimit-triage issue [--json] [--repo R] [--form F] [--thread-url U] [--out F]
                 [--create [--yes] [--new | --comment N]] [FILE ...]
                                                 draft a GitHub issue: Markdown, pre-filled link;
                                                 --create searches duplicates, --yes files it
  ratelimit-triage incidents [--json] [--db FILE]  open and recent incidents from the bot's store
                                                 (DATABASE_PATH by default)
  ratelimit-triage migrate-store [--from FILE] [--to URL] [--schema S] [--force] [--json]
                                                 copy the SQLite store into PostgreSQL
  ratelimit-triage <command> --help              every option of a command, with examples
  ratelimit-triage --help

Exit codes: 0 a report was produced (also "unknown"); 2 unusable input or usage.
`;

/** Set when running as the bundle: dist/cli/, where fast-commands.cjs and its code cache sit. */
let bundleDir: string | null = null;
let fast: FastCommands | null | undefined;

/**
 * analyze from the CommonJS bundle with its V8 code cache, when running as the bundle and it
 * loads; otherwise null, and it loads from the ES modules like the other commands.
 */
async function fastCommands(): Promise<FastCommands | null> {
  if (fast !== undefined || bundleDir === null) return fast ?? null;
  try {
    const { loadWithCodeCache } = await import("./code-cache.js");
    fast = loadWithCodeCache(join(bundleDir, "fast-commands.cjs")).exports;
    fast.useKnowledgeSnapshot(join(bundleDir, "knowledge-snapshot.json"));
  } catch {
    fast = null; // not built (or not loadable): the ES modules do the same, only slower to start
  }
  return fast;
}

/** Commands load lazily so `redact` does not pay for the engine's start-up. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  analyze: async () =>
    (await fastCommands())?.analyzeCommand ??
    (await import("./commands/analyze.js")).analyzeCommand,
  redact: async () => (await import("./commands/redact.js")).redactCommand,
  trace: async () => (await import("./commands/trace.js")).traceCommand,
  issue: async () => (await import("./commands/issue.js")).issueCommand,
  incidents: async () => (await import("./commands/incidents.js")).incidentsCommand,
  "migrate-store": async () => (await import("./commands/migrate-store.js")).migrateStoreCommand,
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(HELP);
    return 0;
  }
  const load = COMMANDS[name];
  const help = COMMAND_HELP[name];
  if (load && help && wantsHelp(args)) {
    io.stdout.write(help);
    return 0;
  }
  if (!load) {
    io.stderr.write(`ratelimit-triage: unknown command "${name}" (try --help)\n`);
    return 2;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    // By name: the fast commands' UsageError is the same class from another bundle.
    const reason =
      error instanceof UsageError || (error as Error)?.name === "UsageError"
        ? (error as Error).message
        : `internal error: ${(error as Error).message}`;
    io.stderr.write(`ratelimit-triage ${name}: ${reason}\n`);
    return 2;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * Runs the command line of this process. The knowledge snapshot is the one built beside this
 * file (dist/cli/knowledge-snapshot.json); from the sources there is none, and data/ is validated.
 */
export function runAsProcess(argv = process.argv.slice(2)): void {
  // EPIPE (output piped to `head`) is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
  });
  bundleDir = dirname(fileURLToPath(import.meta.url));
  useKnowledgeSnapshot(join(bundleDir, "knowledge-snapshot.json"));
  runCli(argv, {
    stdin: process.stdin,
    stdinFd: 0,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then((code) => {
    process.exitCode = code;
  });
}

if (isEntryPoint()) runAsProcess();
