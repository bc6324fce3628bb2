import { describe, expect, it } from "vitest";
import {
  type ConsoleInput,
  MessageAssembler,
} from "../../../src/adapters/console/message-assembler.js";

function feed(lines: string[]): ConsoleInput[] {
  const a = new MessageAssembler();
  return [...lines.flatMap((l) => a.push(l)), ...a.end()];
}

describe("MessageAssembler", () => {
  it("a message runs to an empty line; commands are single lines at a message's start", () => {
    expect(feed(["hello", "second line", "", "", "/time +6h", "/card", "next", "/card"])).toEqual([
      { kind: "message", text: "hello\nsecond line" },
      { kind: "command", line: "/time +6h" },
      { kind: "command", line: "/card" },
      { kind: "message", text: "next\n/card" },
    ]);
  });

  it('a """ block keeps empty lines; a path is text, not a command', () => {
    expect(
      feed(['"""', "{", "", '  "error": 429', "}", '"""', "/home/me/.openclaw/logs", ""]),
    ).toEqual([
      { kind: "message", text: '{\n\n  "error": 429\n}' },
      { kind: "message", text: "/home/me/.openclaw/logs" },
    ]);
  });

  it("the end of input sends what was being typed, even an unclosed block", () => {
    expect(feed(["last words"])).toEqual([{ kind: "message", text: "last words" }]);
    expect(feed(['"""', "open", ""])).toEqual([{ kind: "message", text: "open\n" }]);
  });

  it("tolerates CRLF input", () => {
    expect(feed(["a\r", "\r", "/new\r"])).toEqual([
      { kind: "message", text: "a" },
      { kind: "command", line: "/new" },
    ]);
  });
});
