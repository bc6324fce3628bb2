import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

/**
 * `npm start` as a real child process (`node --import tsx src/main.ts`) with no platform tokens,
 * so it runs the console; stdin is a pipe, as when a script is piped in.
 */
export class ConsoleProcess {
  stdout = "";
  stderr = "";
  private readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: Array<() => void> = [];

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      // Only what the bot needs: no inherited DISCORD_TOKEN or SLACK_* can switch the mode.
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? ROOT, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stdout += chunk;
      this.wake();
    });
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => {
      this.child.on("exit", (code, signal) => {
        this.wake();
        resolve({ code, signal });
      });
    });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  write(text: string): void {
    this.child.stdin?.write(text);
  }

  /** Waits until stdout satisfies `done` (the test's own timeout bounds the wait). */
  async waitFor(done: (stdout: string) => boolean): Promise<void> {
    while (!done(this.stdout)) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(
          `the console exited before the output appeared:\n${this.stdout}\n${this.stderr}`,
        );
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Closes stdin: the console flushes and exits. */
  async end(): Promise<number | null> {
    this.child.stdin?.end();
    return (await this.exited).code;
  }

  async kill9(): Promise<void> {
    this.child.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM, as a service manager stops it; resolves with the exit code. */
  async terminate(): Promise<number | null> {
    this.child.kill("SIGTERM");
    return (await this.exited).code;
  }
}

/** How many times `needle` occurs in `haystack`. */
export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

export const BOT = "── ratelimit-triage ──";
