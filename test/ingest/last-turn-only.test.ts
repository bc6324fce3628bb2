import { describe, expect, it } from "vitest";
import { readSessionAfter } from "../../src/core/trace/session-after.js";
import { headOnlyLine } from "../../src/ingest/head-only.js";

const head =
  '{"runId":"r1","sessionId":"s1","ts":"2026-11-23T22:42:52.499Z","seq":9,"stage":"session:after"';
const history = `{"role":"user","content":"${"ü".repeat(3000)}"},{"role":"assistant","stopReason":"error","errorMessage":"old"}`;
const last = '{"role":"assistant","content":[],"stopReason":"error","errorMessage":"429: now…"}';

describe("a long session:after line read as its head and last turn", () => {
  it("keeps the text up to the transcript and the line from the last assistant message on", () => {
    const line = `${head},"messageCount":3,"messages":[${history},${last}]}`;
    const short = headOnlyLine(Buffer.from(line));
    expect(short).toBe(`${head},"messageCount":3,"messages":[${last}]}`);
    expect(readSessionAfter(short ?? "")).toEqual(readSessionAfter(line));
  });

  it("reads the line whole when it has no assistant message", () => {
    const line = `${head},"messages":[{"role":"user","content":"${"x".repeat(5000)}"}],"error":"boom"}`;
    expect(headOnlyLine(Buffer.from(line))).toBeNull();
  });
});
