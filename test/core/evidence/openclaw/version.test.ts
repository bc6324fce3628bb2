import { describe, expect, it } from "vitest";
import { openclawVersionExtractor } from "../../../../src/core/evidence/openclaw/version.js";
import { extract } from "./fixtures.js";

const versions = (text: string) =>
  extract(text, openclawVersionExtractor).map((e) =>
    e.kind === "tool_version" ? [e.version, e.commit] : [],
  );

describe("openclawVersionExtractor", () => {
  it("reads the banner forms", () => {
    expect(versions("$ openclaw --version\nOpenClaw 2026.9.6 (eb377ac)")).toEqual([
      ["2026.9.6", "eb377ac"],
    ]);
    expect(versions("🦞 OpenClaw 2026.9.6 (eb377ac)")).toEqual([["2026.9.6", "eb377ac"]]);
    expect(versions("OpenClaw 2026.3.1-beta.2")).toEqual([["2026.3.1-beta.2", null]]);
  });

  it("reads older bare output when the text runs --version, and the old names", () => {
    expect(versions("ran openclaw --version:\n```\n2026.2.24\n```")).toEqual([["2026.2.24", null]]);
    expect(versions("clawdbot 2026.1.24")).toEqual([["2026.1.24", null]]);
    expect(versions("moltbot --version → 2026.1.29")).toEqual([["2026.1.29", null]]);
  });

  it("reads prose and the issue form", () => {
    expect(versions("I'm on openclaw version 2026.3.1 since Monday")).toEqual([["2026.3.1", null]]);
    expect(versions("### OpenClaw version\n\n2026.9.6\n\n### Operating system")).toEqual([
      ["2026.9.6", null],
    ]);
  });

  it("keeps one evidence per version, preferring the one with the commit", () => {
    expect(versions("OpenClaw 2026.9.6\n...\nOpenClaw 2026.9.6 (eb377ac)")).toEqual([
      ["2026.9.6", "eb377ac"],
    ]);
  });

  it("ignores a bare date-like line without any sign of the tool", () => {
    expect(versions("invoice\n2026.2.24\n")).toEqual([]);
  });
});
