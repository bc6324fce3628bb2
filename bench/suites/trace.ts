/**
 * `trace` on a large cache trace, beside jq doing the seed's extraction on the same file.
 * The trace is generated in the shape of the 2026.9.6 captures (nine stages per attempt, the
 * transcript repeated in seven of them, 429 runs retried up to nine times), with sessions whose
 * history grows turn by turn, as a real multi-gigabyte trace does. BENCH_TRACE_MB sets the size
 * (default 1024). Peak RSS comes from /usr/bin/time -v, or a resourceUsage hook without it.
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchSuite } from "../run.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** What `ratelimit-triage` runs: the bundle `npm ci` builds (rebuilt here, from the sources). */
const CLI = join(ROOT, "dist/cli/main.mjs");
const JQ_EXPR =
  'select(.stage=="session:after") | .messages[]? | select(.role=="assistant" and .stopReason=="error") | .errorMessage';

/** A small deterministic PRNG (mulberry32), so every run measures the same file. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  "the rate limit quota request model token agent session retry window minute gateway config tool schema context history reply summary error provider billing key project usage".split(
    " ",
  );

interface Gen {
  random: () => number;
  hex: string[];
}

function pick<T>(g: Gen, list: readonly T[]): T {
  return list[Math.floor(g.random() * list.length)] as T;
}

function prose(g: Gen, chars: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const w = pick(g, WORDS);
    out.push(w);
    n += w.length + 1;
  }
  return out.join(" ");
}

function uuid(g: Gen): string {
  const h = Array.from({ length: 4 }, () =>
    Math.floor(g.random() * 2 ** 32)
      .toString(16)
      .padStart(8, "0"),
  ).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ERRORS = {
  perMinute: {
    message:
      "429: Google Generative AI API error (429): Resource has been exhausted (e.g. check quota). [code=RESOURCE_EXHAUSTED]",
    code: "RESOURCE_EXHAUSTED",
    body: '{\n  "error": {\n    "code": 429,\n    "message": "Resource has been exhausted (e.g. check quota).",\n    "status": "RESOURCE_EXHAUSTED"\n  }\n}',
  },
  longWindow: {
    message:
      "429: Google Generative AI API error (429): You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: generativelanguag… [code=RESOURCE_EXHAUSTED]",
    code: "RESOURCE_EXHAUSTED",
    body: "[Malformed diagnostic JSON redacted]",
  },
  overloaded: {
    message:
      "503: Google Generative AI API error (503): The model is overloaded. Please try again later. [code=UNAVAILABLE]",
    code: "UNAVAILABLE",
    body: '{\n  "error": {\n    "code": 503,\n    "message": "The model is overloaded. Please try again later.",\n    "status": "UNAVAILABLE"\n  }\n}',
  },
} as const;

type Outcome = keyof typeof ERRORS | "ok";

/** Writes a cache trace of about `bytes` bytes; returns its line and error counts. */
export async function generateTrace(
  path: string,
  bytes: number,
): Promise<{ lines: number; errors: number }> {
  const g: Gen = { random: rng(20261123), hex: [] };
  for (let i = 0; i < 512; i++)
    g.hex.push(
      Array.from({ length: 4 }, () =>
        Math.floor(g.random() * 2 ** 32)
          .toString(16)
          .padStart(8, "0"),
      ).join(""),
    );
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let written = 0;
  let lines = 0;
  let errors = 0;
  let batch: string[] = [];
  let batchSize = 0;
  const flush = async () => {
    if (!out.write(batch.join(""))) await once(out, "drain");
    batch = [];
    batchSize = 0;
  };
  let clock = Date.parse("2026-11-23T08:00:00.000Z");
  let sessionNo = 0;
  while (written < bytes) {
    sessionNo++;
    const sessionId = `bench-${sessionNo}`;
    const fallback = g.random() < 0.2;
    const turns = 1 + Math.floor(g.random() * 24);
    const history: string[] = [];
    for (let turn = 0; turn < turns && written < bytes; turn++) {
      const runId = uuid(g);
      const prompt = prose(g, 40 + Math.floor(g.random() * 400));
      const roll = g.random();
      const plan: Outcome[] =
        roll < 0.55
          ? ["ok"]
          : roll < 0.8
            ? [
                ...Array(1 + Math.floor(g.random() * 9)).fill("perMinute"),
                g.random() < 0.5 ? "ok" : "perMinute",
              ]
            : roll < 0.92
              ? ["longWindow", ...(fallback ? (["ok"] as Outcome[]) : [])]
              : ["overloaded", "ok"];
      for (let attempt = 0; attempt < plan.length && written < bytes; attempt++) {
        const outcome = plan[attempt] as Outcome;
        const model =
          fallback && attempt > 0 && plan[0] === "longWindow"
            ? "gemini-3-flash-preview"
            : "gemini-2.5-flash";
        const head = (seq: number, stage: string) => {
          clock += 1 + Math.floor(g.random() * 40);
          return `{"runId":"${runId}","sessionId":"${sessionId}","sessionKey":"agent:main:explicit:${sessionId}","provider":"google","modelId":"${model}","modelApi":"google-generative-ai","workspaceDir":"/home/alice/.openclaw/workspace","ts":"${new Date(clock).toISOString()}","seq":${seq},"stage":"${stage}"`;
        };
        const fingerprints = (n: number) =>
          `"messageCount":${n},"messageRoles":[${Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '"user"' : '"assistant"')).join(",")}],"messageFingerprints":[${Array.from({ length: n }, () => `"${pick(g, g.hex)}${pick(g, g.hex)}"`).join(",")}],"messagesDigest":"${pick(g, g.hex)}${pick(g, g.hex)}"`;
        const past = history.join(",");
        const withPast = (extra: string) => (past ? `${past},${extra}` : extra);
        const user = `{"role":"user","content":[{"type":"text","text":${JSON.stringify(prompt)}}],"timestamp":${clock}}`;
        const emit: string[] = [];
        emit.push(
          `${head(1, "session:loaded")},"system":"[Oversized diagnostic JSON redacted]","systemDigest":"${pick(g, g.hex)}${pick(g, g.hex)}",${fingerprints(history.length)},"messages":[${past}],"note":"after session create"}\n`,
        );
        emit.push(
          `${head(2, "session:sanitized")},${fingerprints(history.length)},"messages":[${past}]}\n`,
        );
        emit.push(
          `${head(3, "session:limited")},${fingerprints(history.length)},"messages":[${past}]}\n`,
        );
        emit.push(
          `${head(4, "prompt:before")},"prompt":${JSON.stringify(prompt)},${fingerprints(history.length)},"messages":[${past}]}\n`,
        );
        emit.push(
          `${head(5, "prompt:images")},"prompt":${JSON.stringify(prompt)},${fingerprints(history.length)},"messages":[${past}],"note":"[Malformed diagnostic JSON redacted]"}\n`,
        );
        emit.push(
          `${head(6, "cache:state")},"options":{"snapshot":{"provider":"google","modelId":"${model}","modelApi":"google-generative-ai","streamStrategy":"provider","transport":"auto","systemPromptDigest":"${pick(g, g.hex)}","toolDigest":"${pick(g, g.hex)}","toolCount":14,"toolNames":["apply_patch","computer","edit","exec","ls","openclaw","process","read","sessions_yield","tool_call","tool_describe","tool_search","view_image","write"]},"changes":null,"requestIndex":${turn + 1}}}\n`,
        );
        emit.push(
          `${head(7, "stream:context")},"system":"[Oversized diagnostic JSON redacted]","systemDigest":"${pick(g, g.hex)}","options":{"model":{"id":"${model}","name":"Gemini","reasoning":true,"input":["text","image"],"contextWindow":1048576,"maxTokens":65536,"cost":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0},"api":"google-generative-ai","provider":"google","baseUrl":"https://generativelanguage.googleapis.com/v1beta","maxTokensSource":"configured"},"thinkingLevel":"medium","reasoning":"medium","sessionId":"${sessionId}","onPayload":"[Function]","transport":"auto","maxRetryDelayMs":60000,"toolExecution":"parallel","signal":{},"requestId":"${runId}:model:1","headers":{"traceparent":"00-${pick(g, g.hex)}-${pick(g, g.hex).slice(0, 16)}-01"},"firstEventTimeoutMs":120000},"model":{"id":"${model}","provider":"google","api":"google-generative-ai"},${fingerprints(history.length + 1)},"messages":[${withPast(user)}]}\n`,
        );
        emit.push(
          `${head(8, "cache:result")},"options":{"requestIndex":${turn + 1},"broke":false${outcome === "ok" ? `,"input":${Math.round((past.length + prompt.length) / 4)},"cacheRead":0,"cacheWrite":0` : ""},"changes":null}}\n`,
        );
        let assistant: string;
        if (outcome === "ok") {
          assistant = `{"role":"assistant","content":[{"type":"text","text":${JSON.stringify(prose(g, 200 + Math.floor(g.random() * 1400)))}}],"api":"google-generative-ai","provider":"google","model":"${model}","usage":{"input":${Math.round(past.length / 4)},"output":120,"cacheRead":0,"cacheWrite":0,"totalTokens":${Math.round(past.length / 4) + 120}},"stopReason":"stop","timestamp":${clock}}`;
        } else {
          const e = ERRORS[outcome];
          errors++;
          assistant = `{"role":"assistant","content":[],"api":"google-generative-ai","provider":"google","model":"${model}","usage":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0,"totalTokens":0,"cost":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0,"total":0}},"stopReason":"error","timestamp":${clock},"errorMessage":${JSON.stringify(e.message)},"errorCode":"${e.code}","errorBody":${JSON.stringify(e.body)}}`;
        }
        emit.push(
          `${head(9, "session:after")},${fingerprints(history.length + 2)},"messages":[${withPast(`${user},${assistant}`)}]}\n`,
        );
        if (outcome === "ok") history.push(user, assistant);
        else clock += Math.min(30_000, 1000 * 2 ** attempt) * (0.5 + g.random());
        for (const line of emit) {
          batch.push(line);
          batchSize += line.length;
          written += Buffer.byteLength(line);
          lines++;
        }
        if (batchSize > 1 << 20) await flush();
      }
    }
  }
  await flush();
  out.end();
  await once(out, "finish");
  return { lines, errors };
}

interface Measured {
  seconds: number;
  /** User + system CPU seconds, when known: steadier than wall time on a busy machine. */
  cpuSeconds: number | null;
  maxRssKb: number | null;
  stdout: string;
  stdoutLines: number;
}

/** Runs a command, timed by wall clock; peak RSS from /usr/bin/time -v, else the node hook. */
/**
 * The best of BENCH_TRACE_RUNS runs (2 unless set) by wall time: on a shared 2-core machine one
 * run in a few is slowed by something else, and the best run is the one that says what the code
 * costs.
 */
async function measure(cmd: string, args: string[], rssHook: string | null): Promise<Measured> {
  const runs = Math.max(1, Number(process.env.BENCH_TRACE_RUNS ?? 2));
  let best: Measured | null = null;
  for (let run = 0; run < runs; run++) {
    const measured = await measureOnce(cmd, args, rssHook);
    if (best === null || measured.seconds < best.seconds) best = measured;
  }
  return best as Measured;
}

async function measureOnce(cmd: string, args: string[], rssHook: string | null): Promise<Measured> {
  const useTime = existsSync("/usr/bin/time");
  const hooked = !useTime && rssHook !== null && cmd === process.execPath;
  const child = useTime
    ? spawn("/usr/bin/time", ["-v", cmd, ...args], { cwd: ROOT })
    : spawn(cmd, hooked ? ["--import", rssHook, ...args] : args, { cwd: ROOT });
  const started = process.hrtime.bigint();
  let stdout = "";
  let stdoutLines = 0;
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    for (let i = d.indexOf("\n"); i >= 0; i = d.indexOf("\n", i + 1)) stdoutLines++;
    // jq prints every error message: keep only a bounded head of it.
    if (stdout.length < 1 << 20) stdout += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const [code] = (await once(child, "close")) as [number];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${cmd} exited ${code}: ${stderr.slice(-500)}`);
  const rss = useTime
    ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
    : /MAXRSS_KB (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)|CPU_US (\d+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const cpuSeconds = user?.[1]
    ? Number(user[1]) + Number(system?.[1] ?? 0)
    : user?.[2]
      ? Number(user[2]) / 1e6
      : null;
  return { seconds, cpuSeconds, maxRssKb: rss?.[1] ? Number(rss[1]) : null, stdout, stdoutLines };
}

function ensureJq(): string | null {
  const has = () => spawnSync("jq", ["--version"], { encoding: "utf8" }).status === 0;
  if (has()) return null;
  let r = spawnSync("apt-get", ["install", "-y", "jq"], { encoding: "utf8" });
  if (r.status !== 0) {
    spawnSync("apt-get", ["update"], { encoding: "utf8" });
    r = spawnSync("apt-get", ["install", "-y", "jq"], { encoding: "utf8" });
  }
  return has()
    ? "installed jq with apt-get"
    : `jq is not available (${(r.stderr ?? "").trim().split("\n").pop()})`;
}

/** Writes the kernel still holds back would be flushed during the next measurement, slowing it. */
function flushWrites(): void {
  spawnSync("sync");
}

const mb = (bytes: number) => bytes / (1024 * 1024);

/**
 * Node's zlib inflating the gzip's deflate data with nothing done with the text, fed the way
 * `trace` feeds it (1 MiB synchronous reads into one buffer, 1 MiB output chunks, no CRC on the
 * inflating thread): the floor under `trace` on gzip, since inflating is its slower side. A rough
 * floor only: the C allocator hands output memory back to the kernel (and faults it in again)
 * more often in some runs than in others.
 */
const INFLATE_ALONE = `import { openSync, readSync } from "node:fs";
import { createInflateRaw } from "node:zlib";
const fd = openSync(process.argv[2], "r");
const buffer = Buffer.allocUnsafe(1 << 20);
const head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
let at = 10;
const flags = head[3];
if (flags & 4) at += 2 + head.readUInt16LE(10);
if (flags & 8) at = head.indexOf(0, at) + 1;
if (flags & 16) at = head.indexOf(0, at) + 1;
if (flags & 2) at += 2;
const inflate = createInflateRaw({ chunkSize: 1 << 20 });
let position = at;
const feed = () => {
  const n = readSync(fd, buffer, 0, buffer.length, position);
  position += n;
  if (n === 0) inflate.end();
  else inflate.write(buffer.subarray(0, n), () => (inflate.bytesWritten < position - at ? inflate.end() : feed()));
};
feed();
let bytes = 0;
for await (const chunk of inflate) bytes += chunk.length;
process.stdout.write(bytes + "\\n");
`;

/**
 * The same trace gzipped at gzip's default level (what `gzip` and logrotate write;
 * BENCH_TRACE_GZIP_LEVEL=1 for the fastest, larger kind): `trace` reads it as is, beside
 * `zcat | jq` (BENCH_TRACE_GZIP=0 skips).
 */
async function gzipLeg(
  file: string,
  hook: string,
  describe: (m: Measured) => string,
  size: number,
): Promise<string[]> {
  if (process.env.BENCH_TRACE_GZIP === "0") return [];
  const level = process.env.BENCH_TRACE_GZIP_LEVEL ?? "6";
  if (spawnSync("gzip", [`-${level}`, "-k", file]).status !== 0) return ["gzip is not available"];
  flushWrites();
  const gz = `${file}.gz`;
  const trace = await measure(process.execPath, [CLI, "trace", "--json", gz], hook);
  const jq = await measure("sh", ["-c", `zcat '${gz}' | jq -r '${JQ_EXPR}'`], null);
  const alonePath = join(dirname(file), "inflate-alone.mjs");
  writeFileSync(alonePath, INFLATE_ALONE);
  const alone = await measure(process.execPath, [alonePath, gz], hook);
  return [
    `gzip -${level} (${mb(statSync(gz).size).toFixed(0)} MiB, ${mb(size).toFixed(0)} MiB inside): trace --json ${describe(trace)}`,
    `zcat | jq: ${describe(jq)}`,
    `ratio on gzip: trace runs at ${(jq.seconds / trace.seconds).toFixed(1)}× zcat | jq by wall time`,
    `Node's inflate alone, nothing read from the text: ${describe(alone)}; zcat | jq takes ${(jq.seconds / alone.seconds).toFixed(1)}× as long`,
  ];
}

export const suite: BenchSuite = {
  name: "trace",
  async run() {
    const sizeMb = Number(process.env.BENCH_TRACE_MB ?? 1024);
    const dir = mkdtempSync(join(tmpdir(), "ratelimit-trace-bench-"));
    const file = join(dir, "cache-trace.jsonl");
    const out: string[] = [];
    try {
      spawnSync(process.execPath, [join(ROOT, "scripts/build-cli.mjs")], { stdio: "inherit" });
      const jqNote = ensureJq();
      if (jqNote) out.push(jqNote);
      const genStart = Date.now();
      const gen = await generateTrace(file, sizeMb * 1024 * 1024);
      const size = statSync(file).size;
      flushWrites();
      out.push(
        `file: ${mb(size).toFixed(0)} MiB, ${gen.lines} lines, ${gen.errors} error attempts (generated in ${((Date.now() - genStart) / 1000).toFixed(1)} s)`,
      );
      const hook = join(dir, "rss-hook.mjs");
      writeFileSync(
        hook,
        'process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("MAXRSS_KB " + u.maxRSS + "\\nCPU_US " + (u.userCPUTime + u.systemCPUTime) + "\\n"); });\n',
      );
      const trace = await measure(process.execPath, [CLI, "trace", "--json", file], hook);
      const summary = JSON.parse(trace.stdout) as {
        runs: number;
        attempts: number;
        errors: number;
        malformed: number;
      };
      const rate = (m: Measured) => mb(size) / m.seconds;
      const cpuRate = (m: Measured) => (m.cpuSeconds ? mb(size) / m.cpuSeconds : null);
      const describe = (m: Measured) =>
        `${m.seconds.toFixed(2)} s wall (${rate(m).toFixed(0)} MiB/s)` +
        (m.cpuSeconds !== null
          ? `, ${m.cpuSeconds.toFixed(2)} s CPU (${cpuRate(m)?.toFixed(0)} MiB/s)`
          : "") +
        `, peak RSS ${m.maxRssKb === null ? "?" : (m.maxRssKb / 1024).toFixed(0)} MiB`;
      out.push(
        `trace --json: ${describe(trace)}` +
          ` (runs ${summary.runs}, attempts ${summary.attempts}, errors ${summary.errors}, malformed ${summary.malformed})`,
      );
      if (spawnSync("jq", ["--version"]).status === 0) {
        const jq = await measure("jq", ["-r", JQ_EXPR, file], null);
        out.push(`jq: ${describe(jq)} (${jq.stdoutLines} lines of error messages)`);
        const cpuRatio =
          trace.cpuSeconds && jq.cpuSeconds
            ? `, ${(jq.cpuSeconds / trace.cpuSeconds).toFixed(1)}× by CPU time`
            : "";
        out.push(
          `ratio: trace runs at ${(rate(trace) / rate(jq)).toFixed(1)}× jq's throughput by wall time${cpuRatio}`,
        );
        out.push(...(await gzipLeg(file, hook, describe, size)));
        out.push(
          `load average at the end: ${loadavg()
            .map((l) => l.toFixed(2))
            .join(" ")} (${cpus().length} CPUs)`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};
