import { describe, expect, it } from "vitest";
import { createLineSplitter } from "../../../src/core/trace/line-splitter.js";

function split(chunks: string[], max = 100): { lines: string[]; overlong: number } {
  const lines: string[] = [];
  let overlong = 0;
  const splitter = createLineSplitter(
    { line: (l) => lines.push(l), overlong: () => overlong++ },
    max,
  );
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return { lines, overlong };
}

describe("createLineSplitter", () => {
  it("joins lines across chunks and drops \\r", () => {
    expect(split(["ab", "c\r\nde", "f\ng"]).lines).toEqual(["abc", "def", "g"]);
  });

  it("keeps empty lines (the summariser skips them)", () => {
    expect(split(["a\n\nb\n"]).lines).toEqual(["a", "", "b"]);
  });

  it("skips a line over the cap without accumulating it, then goes on", () => {
    const { lines, overlong } = split(
      ["short\n", "x".repeat(60), "x".repeat(60), "x".repeat(60), "\nnext\n"],
      100,
    );
    expect(lines).toEqual(["short", "next"]);
    expect(overlong).toBe(1);
  });

  it("counts a complete over-long line found inside one chunk", () => {
    const { lines, overlong } = split([`${"y".repeat(150)}\nok`], 100);
    expect(lines).toEqual(["ok"]);
    expect(overlong).toBe(1);
  });
});
