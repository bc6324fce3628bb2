import { describe, expect, it } from "vitest";
import { oneOf } from "../../../src/adapters/slack/one-listener.js";

describe("oneOf", () => {
  it("matches exactly the names given, not a part or an extension of one", () => {
    const matcher = oneOf(["message", "app_mention", "triage.claim"]);
    for (const name of ["message", "app_mention", "triage.claim"])
      expect(matcher.test(name)).toBe(true);
    for (const name of ["messages", "app_mention_x", "x_message", "triageXclaim", ""])
      expect(matcher.test(name)).toBe(false);
  });
});
