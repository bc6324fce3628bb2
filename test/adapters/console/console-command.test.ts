import { describe, expect, it } from "vitest";
import { parseConsoleCommand } from "../../../src/adapters/console/console-command.js";
import { formatOffset, parseOffset } from "../../../src/adapters/console/time-offset.js";

describe("console commands", () => {
  it.each([
    ["/new Gemini 429", { kind: "new", title: "Gemini 429" }],
    ["/new", { kind: "new", title: null }],
    ["/as staff", { kind: "as", role: "staff", name: null }],
    ["/as community Bob Smith", { kind: "as", role: "community", name: "Bob Smith" }],
    ["/solved #2 the fallback", { kind: "thread", name: "solved", argument: "#2 the fallback" }],
    ["/release", { kind: "thread", name: "back_to_bot", argument: null }],
    ["/time +1h30m", { kind: "time", offsetMs: 5_400_000 }],
    ["/time", { kind: "time", offsetMs: null }],
    ["/quit", { kind: "quit" }],
  ])("%s", (line, expected) => {
    expect(parseConsoleCommand(line)).toEqual(expected);
  });

  it("explains bad usage", () => {
    expect(parseConsoleCommand("/as admin")).toEqual({
      kind: "invalid",
      message: "usage: /as reporter|staff|community [name]",
    });
    expect(parseConsoleCommand("/time soon").kind).toBe("invalid");
  });

  it("offsets", () => {
    expect(parseOffset("+6h")).toBe(21_600_000);
    expect(parseOffset("2d")).toBe(172_800_000);
    expect(parseOffset("+45m")).toBe(2_700_000);
    expect(parseOffset("-1h")).toBeNull();
    expect(parseOffset("6")).toBeNull();
    expect(formatOffset(93_600_000)).toBe("+26h");
    expect(formatOffset(5_400_000)).toBe("+1h30m");
    expect(formatOffset(0)).toBe("+0m");
  });
});
