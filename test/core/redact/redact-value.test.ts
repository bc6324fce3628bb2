import { describe, expect, it } from "vitest";
import { redactValue } from "../../../src/core/redact/redact-value.js";
import { RULES } from "./support/rules.js";

const KEY = "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW";

describe("redactValue", () => {
  it("redacts every string inside arrays and plain objects, without touching the input", () => {
    const input = {
      url: `https://x.example/v1?key=${KEY}`,
      nested: [{ note: `key ${KEY}` }],
      n: 3,
    };
    const out = redactValue(input, RULES);
    expect(out).toEqual({
      url: "https://x.example/v1?key=AIza…[redacted]",
      nested: [{ note: "key AIza…[redacted]" }],
      n: 3,
    });
    expect(input.url).toContain(KEY);
  });

  it("copies errors with their prototype, message, stack, cause and fields redacted", () => {
    const cause = new Error(`inner ${KEY}`);
    const error = Object.assign(new TypeError(`outer ${KEY}`, { cause }), { body: `k=${KEY}` });
    const out = redactValue(error, RULES);
    expect(out).toBeInstanceOf(TypeError);
    expect(out.message).toBe("outer AIza…[redacted]");
    expect(out.stack).not.toContain(KEY);
    expect((out.cause as Error).message).toBe("inner AIza…[redacted]");
    expect(out.body).toBe("k=AIza…[redacted]");
  });

  it("keeps cycles as cycles and leaves non-plain objects alone", () => {
    const when = new Date(0);
    const input: Record<string, unknown> = { when, s: KEY };
    input.self = input;
    const out = redactValue(input, RULES) as Record<string, unknown>;
    expect(out.self).toBe(out);
    expect(out.when).toBe(when);
    expect(out.s).toBe("AIza…[redacted]");
  });
});
