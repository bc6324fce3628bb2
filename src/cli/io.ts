/** The streams and exit a command uses, injected so commands are testable without a process. */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  /** The descriptor behind `stdin` when it is the process's own; a command may read it directly. */
  stdinFd?: number;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** A command's failure that deserves a one-line reason and exit code 2, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Command = (args: string[], io: CliIo) => Promise<number>;
