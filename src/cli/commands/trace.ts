import { fstatSync, statSync } from "node:fs";
import { createStreamTimeline } from "../../core/timeline/stream-timeline.js";
import { describeTraceSummary } from "../../core/trace/describe-summary.js";
import { readFdChunks, readFileChunks } from "../../ingest/file-chunks.js";
import { NotTextError, summarizeTraceStream } from "../../ingest/trace-stream.js";
import { takeChartOption, writeChart } from "../chart-file.js";
import type { CliIo, Command } from "../io.js";
import { UsageError } from "../io.js";

const USAGE = "usage: trace [--json] [--strict] [--chart OUT.png|OUT.svg] FILE|-";

/** 1 MiB reads: fewer, larger chunks are most of the difference on a multi-gigabyte trace. */
const READ_CHUNK = 1 << 20;

interface TraceArgs {
  json: boolean;
  strict: boolean;
  file: string;
}

function parseArgs(args: string[]): TraceArgs {
  let json = false;
  let strict = false;
  let file: string | undefined;
  for (const arg of args) {
    if (arg === "--json") json = true;
    else if (arg === "--strict") strict = true;
    else if (arg.startsWith("-") && arg !== "-")
      throw new UsageError(`unknown option ${arg} (${USAGE})`);
    else if (file !== undefined) throw new UsageError(`one file at a time (${USAGE})`);
    else file = arg;
  }
  if (file === undefined) throw new UsageError(`missing FILE, or - for standard input (${USAGE})`);
  return { json, strict, file };
}

/** Checks the file up front so the reason is one plain line, not a stream error later. */
function openFile(path: string): AsyncIterable<Buffer> {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code;
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
  if (!isFile) throw new UsageError(`cannot read ${path}: not a regular file`);
  return readFileChunks(path, READ_CHUNK);
}

/**
 * Standard input redirected from a file (`trace - < big.jsonl.gz`) is read like a named file:
 * the stdin stream reads 64 KiB at a time, each read a thread-pool turn, which cost a third more
 * CPU on a 1 GiB trace. Pipes and terminals keep the stream.
 */
function openStdin(io: CliIo): AsyncIterable<Uint8Array | string> {
  const fd = io.stdinFd;
  if (fd !== undefined) {
    try {
      if (fstatSync(fd).isFile()) return readFdChunks(fd, READ_CHUNK);
    } catch {
      // not a descriptor we can inspect: the stream will say what is wrong
    }
  }
  return io.stdin as AsyncIterable<Uint8Array | string>;
}

/**
 * `trace [--json] FILE|-`: streams an OpenClaw cache trace (gzip or not) and prints its summary.
 * Malformed lines are counted, never fatal; an unreadable file exits 2 with the reason.
 * `--strict` parses every line as JSON for an exact malformed count, at some cost in speed.
 * `--chart OUT.png|OUT.svg` also draws the trace's timeline, read in the same pass.
 */
export const traceCommand: Command = async (allArgs, io) => {
  const { chart, rest } = takeChartOption(allArgs);
  const { json, strict, file } = parseArgs(rest);
  const input = file === "-" ? openStdin(io) : openFile(file);
  const timeline = chart ? createStreamTimeline() : null;
  let result: Awaited<ReturnType<typeof summarizeTraceStream>>;
  try {
    result = await summarizeTraceStream(input, {
      strict,
      ...(timeline ? { onLine: timeline.line } : {}),
    });
  } catch (error) {
    if (error instanceof NotTextError)
      throw new UsageError(`cannot read ${file}: ${error.message}`);
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (result.error !== null)
    io.stderr.write(
      `ratelimit-triage trace: stopped early (${result.error}); the summary covers the first ${result.bytesDecoded} bytes\n`,
    );
  if (json) io.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  else {
    io.stdout.write(describeTraceSummary(result.summary));
    io.stdout.write(
      `Read ${result.bytesRead} bytes${result.gzip ? ` (gzip, ${result.bytesDecoded} bytes of text)` : ""}.\n`,
    );
  }
  if (chart && timeline) await writeChart(chart, timeline.timeline(), io);
  return 0;
};
