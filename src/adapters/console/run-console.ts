import { createInterface } from "node:readline";
import type { ConversationPort } from "../../conversation/port.js";
import { createScheduler } from "../../conversation/scheduler.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import type { Store } from "../../store/store.js";
import { ConsoleRunner } from "./console-runner.js";
import { MessageAssembler } from "./message-assembler.js";
import { threadLabel, utc } from "./render-action.js";
import { loadSession, threadKeyOf } from "./session.js";

export interface ConsoleDeps {
  input: NodeJS.ReadableStream;
  output: { write(chunk: string): unknown };
  /** A terminal: show a prompt and poll timers in real time. A pipe: echo input, exit at its end. */
  interactive: boolean;
  conversation: ConversationPort;
  store: Store;
  kb: Knowledge;
  /** Fixed start of the fake clock (CONSOLE_START_TIME); the real time when null. */
  startTime: Date | null;
  /** The real clock, injectable for tests. */
  now?: () => Date;
  onError?: (error: unknown) => void;
  /** Where reply charts are written (PNG); the console prints each file's path. */
  chartDir?: string;
}

/** Resolves when the input ends, /quit is typed, or `stop` on the returned handle is called. */
export interface RunningConsole {
  done: Promise<void>;
  stop(): void;
}

/**
 * The local console: the bot as it would answer in a Discord thread, on the real engine and
 * store, with no account. `/time` moves a fake clock that persists for the session.
 */
export function startConsole(deps: ConsoleDeps): RunningConsole {
  const rl = createInterface({
    input: deps.input,
    ...(deps.interactive ? { output: deps.output as NodeJS.WritableStream } : {}),
    terminal: deps.interactive,
  });
  const stop = () => rl.close();
  rl.on("SIGINT", stop);
  // Take the iterator now: lines that arrive while the session loads are buffered, not lost.
  const lines = rl[Symbol.asyncIterator]();
  const done = run(deps, rl, lines);
  return { done, stop };
}

async function run(
  deps: ConsoleDeps,
  rl: ReturnType<typeof createInterface>,
  lines: AsyncIterableIterator<string>,
): Promise<void> {
  const { session, resumed } = await loadSession(deps.store);
  const realNow = deps.now ?? (() => new Date());
  const clock = () => new Date((deps.startTime ?? realNow()).getTime() + session.offsetMs);
  const write = (text: string) => void deps.output.write(text);
  const runner = new ConsoleRunner({
    conversation: deps.conversation,
    store: deps.store,
    kb: deps.kb,
    session,
    clock,
    write,
    echo: !deps.interactive,
    ...(deps.chartDir ? { chartDir: deps.chartDir } : {}),
  });
  const scheduler = createScheduler({
    port: deps.conversation,
    deliver: (actions) => runner.deliver(actions),
    clock,
    intervalMs: deps.interactive ? 30_000 : 0,
    ...(deps.onError ? { onError: deps.onError } : {}),
  });
  runner.attachScheduler(scheduler);
  if (deps.interactive) {
    const where = `${threadLabel(threadKeyOf(session))} as ${session.speaker.name} (${session.speaker.role})`;
    write(
      `ratelimit-triage console · ${resumed ? "resuming" : "starting"} thread ${where} · clock ${utc(clock())}\nEnd a message with an empty line; /help lists the commands.\n\n`,
    );
  }
  // Timers that came due while the console was not running fire now, once.
  await scheduler.start();
  const assembler = new MessageAssembler();
  const prompt = () => {
    if (!deps.interactive) return;
    rl.setPrompt(assembler.pending ? "… " : `${session.speaker.name}› `);
    rl.prompt();
  };
  prompt();
  let quit = false;
  try {
    for await (const line of lines) {
      for (const item of assembler.push(line)) {
        if (!(await handleSafely(runner, item, deps))) quit = true;
        if (quit) break;
      }
      if (quit) break;
      prompt();
    }
    if (!quit) for (const item of assembler.end()) await handleSafely(runner, item, deps);
  } finally {
    rl.close();
    await scheduler.stop();
  }
}

async function handleSafely(
  runner: ConsoleRunner,
  item: Parameters<ConsoleRunner["handle"]>[0],
  deps: ConsoleDeps,
): Promise<boolean> {
  try {
    return await runner.handle(item);
  } catch (error) {
    deps.output.write(`!! ${(error as Error).message}\n\n`);
    deps.onError?.(error);
    return true;
  }
}
