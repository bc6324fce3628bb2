/**
 * What the platform benches share about the bot they drive: it runs as `npm start` runs it, in a
 * process of its own, so its memory is read from /proc and its readiness from GET /healthz.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { request } from "undici";

/** A port free on 127.0.0.1 now, for the bot's PORT. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Waits until the bot answers GET /healthz with 200 (its platforms started), or throws. */
export async function waitForHealthz(child: ChildProcess, port: number, timeoutMs = 60_000) {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode})`);
    const res = await request(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (res) {
      await res.body.dump();
      if (res.statusCode === 200) return;
    }
    if (performance.now() - started > timeoutMs) throw new Error("the bot did not answer /healthz");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A process's resident memory in MiB (/proc/<pid>/status), 0 once it is gone. */
export function rssMiB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * CPU time a process has used so far (user + system), in ms: per event it says what the bot
 * costs even when a busy machine stretches the wall-clock numbers. 0 once it is gone.
 */
export function cpuMs(pid: number | undefined): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Clock ticks of 1/100 s (USER_HZ on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Least-squares slope of RSS over time ([ms, MiB] samples), in MiB per minute. */
export function slope(samples: Array<[number, number]>): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, [x]) => a + x, 0) / n;
  const my = samples.reduce((a, [, y]) => a + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of samples) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : (num / den) * 60_000;
}

export interface BenchBot {
  child: ChildProcess;
  port: number;
  rss(): number;
  cpuMs(): number;
  /** SIGTERM, then waits for the bot to finish what it took and exit. */
  stop(): Promise<void>;
}

/**
 * Starts the bot as `npm start` runs it (tsx src/main.ts) on 127.0.0.1 with the platform's
 * variables, and waits for GET /healthz. `nodeArgs` (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
 * profile the bot under load; its stdout (pino) goes where `stdout` says.
 */
export async function startBenchBot(options: {
  root: string;
  env: Record<string, string>;
  nodeArgs?: string;
  stdout: "ignore" | "stderr";
}): Promise<BenchBot> {
  const port = await freePort();
  const profile = options.nodeArgs?.split(" ").filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...profile, "--import", "tsx", join(options.root, "src/main.ts")],
    {
      cwd: options.root,
      env: { ...process.env, ...options.env, HOST: "127.0.0.1", PORT: String(port) },
      stdio: ["ignore", options.stdout === "stderr" ? 2 : "ignore", "inherit"],
    },
  );
  const exited = once(child, "exit");
  await waitForHealthz(child, port);
  return {
    child,
    port,
    rss: () => rssMiB(child.pid),
    cpuMs: () => cpuMs(child.pid),
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
