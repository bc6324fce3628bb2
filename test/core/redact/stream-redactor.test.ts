import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact } from "../../../src/core/redact/redact.js";
import {
  createStreamRedactor,
  type StreamRedactorOptions,
} from "../../../src/core/redact/stream-redactor.js";
import type { RedactedPiece } from "../../../src/core/redact/types.js";
import { fillFixture, readFixture } from "./support/fill.js";
import { createRng } from "./support/prng.js";
import { RULES } from "./support/rules.js";

const join = (pieces: RedactedPiece[]) => pieces.map((p) => p.text).join("");

function streamed(chunks: string[], options?: StreamRedactorOptions): string {
  const redactor = createStreamRedactor(RULES, options);
  return chunks.map((c) => join(redactor.push(c))).join("") + join(redactor.end());
}

function split(text: string, sizes: number[]): string[] {
  const chunks: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** Small windows so a short paste crosses many cuts; still longer than any secret used here. */
const SMALL = { window: 2048, step: 256, context: 256 };

const PASTE = ["env-file.txt", "curl.txt", "traceback.txt", "chat-config.yaml"]
  .map((f) => fillFixture(readFixture(f), createRng(3)).text)
  .join("\n")
  .repeat(6);

describe("createStreamRedactor", () => {
  it("catches a secret split across two chunks", () => {
    const key = "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW";
    const out = streamed(["GEMINI_API_KEY=AIzaSyA1b2C3d4", "E5f6G7h8I9j0KlMnOpQrStUvW\n"]);
    expect(out).toBe("GEMINI_API_KEY=AIza…[redacted]\n");
    expect(out).not.toContain(key.slice(-12));
  });

  it("equals redact() on the whole text, whatever the chunking", () => {
    const whole = redact(PASTE, RULES).text;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }),
        (sizes) => {
          expect(streamed(split(PASTE, sizes), SMALL)).toBe(whole);
        },
      ),
      { seed: 4242, numRuns: 60 },
    );
  });

  it("writes as it reads, holding back at most window + step characters", () => {
    const plain = readFixture("look-alikes.txt").repeat(20);
    const redactor = createStreamRedactor(RULES, SMALL);
    let read = 0;
    let written = 0;
    for (const chunk of split(plain, [100])) {
      read += chunk.length;
      written += join(redactor.push(chunk)).length;
      expect(read - written).toBeLessThan(SMALL.window + SMALL.step + 100);
    }
    expect(written + join(redactor.end()).length).toBe(plain.length);
  });

  it("writes redacted output before the input ends", () => {
    const redactor = createStreamRedactor(RULES, SMALL);
    const early = split(PASTE, [100])
      .map((c) => join(redactor.push(c)))
      .join("");
    expect(early.length).toBeGreaterThan(PASTE.length / 2);
    expect(early).toContain("[redacted]");
  });

  it("marks which pieces it inserted and keeps the rest as source text", () => {
    const redactor = createStreamRedactor(RULES);
    redactor.push("a\r\nkey ");
    const pieces = [
      ...redactor.push("AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW \u00ff"),
      ...redactor.end(),
    ];
    expect(pieces).toEqual([
      { text: "a\r\nkey AIza", inserted: false },
      { text: "…[redacted]", inserted: true },
      { text: " \u00ff", inserted: false },
    ]);
    expect(redactor.redactions.map((r) => r.kind)).toEqual(["google-api-key"]);
  });

  it("emits an empty stream as nothing", () => {
    expect(streamed([])).toBe("");
  });
});
