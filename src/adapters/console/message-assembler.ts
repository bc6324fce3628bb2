/** One unit of console input: a message to post, or a slash command line. */
export type ConsoleInput = { kind: "message"; text: string } | { kind: "command"; line: string };

const BLOCK = '"""';

/**
 * "/word …" starts a command (an unknown word gets a hint, not a post); a path such as
 * "/home/me/.openclaw" is message text. To post a line that looks like a command, use a block.
 */
const COMMAND = /^\/[a-z][a-z_-]*(?:\s|$)/i;

export function isCommandLine(line: string): boolean {
  return COMMAND.test(line.trim());
}

/**
 * Groups input lines into messages, the same for a terminal and a pipe: a message is the lines up
 * to an empty line (or the end of input); a paste with empty lines of its own goes between two
 * `"""` lines. A command is one line starting a message.
 */
export class MessageAssembler {
  private lines: string[] = [];
  private inBlock = false;

  /** True while a message is being collected (the prompt shows a continuation mark). */
  get pending(): boolean {
    return this.inBlock || this.lines.length > 0;
  }

  push(raw: string): ConsoleInput[] {
    const line = raw.replace(/\r$/, "");
    if (this.inBlock) {
      if (line.trim() === BLOCK) {
        this.inBlock = false;
        return this.take();
      }
      this.lines.push(line);
      return [];
    }
    if (this.lines.length === 0) {
      if (line.trim() === "") return [];
      if (line.trim() === BLOCK) {
        this.inBlock = true;
        return [];
      }
      if (isCommandLine(line)) return [{ kind: "command", line: line.trim() }];
    }
    if (line.trim() === "") return this.take();
    this.lines.push(line);
    return [];
  }

  /** End of input: whatever was being collected is a message. */
  end(): ConsoleInput[] {
    this.inBlock = false;
    return this.take();
  }

  private take(): ConsoleInput[] {
    const text = this.lines.join("\n");
    this.lines = [];
    return text.trim() === "" ? [] : [{ kind: "message", text }];
  }
}
