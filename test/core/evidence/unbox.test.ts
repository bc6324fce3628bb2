import { describe, expect, it } from "vitest";
import { unboxPanels } from "../../../src/core/evidence/unbox.js";

describe("unboxPanels", () => {
  it("drops a panel's borders and joins its hard-wrapped lines into one", () => {
    const panel = [
      "the CLI printed:",
      "╭────────────────────────────────────╮",
      "│ ✕ Quota used up for calls per      │",
      "│ minute on this project.            │",
      "╰────────────────────────────────────╯",
      "after that nothing works",
    ].join("\n");
    expect(unboxPanels(panel)).toBe(
      "the CLI printed:\n✕ Quota used up for calls per minute on this project.\nafter that nothing works",
    );
  });

  it("an empty panel line ends a paragraph; text without box characters is returned as is", () => {
    expect(unboxPanels("│ one │\n│     │\n│ two │")).toBe("one\ntwo");
    const plain = "no panels here | just a pipe in prose\n  indented";
    expect(unboxPanels(plain)).toBe(plain);
  });
});
