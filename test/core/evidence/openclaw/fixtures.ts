import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExtractContext, Extractor } from "../../../../src/core/evidence/extractor.js";
import { openclawExtractors } from "../../../../src/core/evidence/openclaw/index.js";
import type { Evidence } from "../../../../src/core/evidence/types.js";
import { loadKnowledge } from "../../../../src/knowledge/load.js";

/** The OpenClaw captures copied for tests (see test/fixtures/openclaw/README.md). */
export const OPENCLAW_FIXTURES = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "..",
  "fixtures",
  "openclaw",
);

export function openclawFixturePath(name: string): string {
  return join(OPENCLAW_FIXTURES, name);
}

export function openclawFixture(name: string): string {
  return readFileSync(openclawFixturePath(name), "utf8");
}

/** Non-empty lines of a JSONL fixture. */
export function fixtureLines(name: string): string[] {
  return openclawFixture(name)
    .split("\n")
    .filter((line) => line.trim() !== "");
}

/** The context extractors get: the project's knowledge, a fixed time just after the captures. */
export function openclawContext(message = 0): ExtractContext {
  return { source: { message }, kb: loadKnowledge(), now: new Date("2026-11-23T22:47:00Z") };
}

/** Runs one extractor, or all OpenClaw extractors, over a text. */
export function extract(text: string, extractor?: Extractor): Evidence[] {
  const ctx = openclawContext();
  return extractor ? extractor(text, ctx) : openclawExtractors.flatMap((x) => x(text, ctx));
}

export function ofKind<K extends Evidence["kind"]>(
  evidence: Evidence[],
  kind: K,
): Array<Extract<Evidence, { kind: K }>> {
  return evidence.filter((e): e is Extract<Evidence, { kind: K }> => e.kind === kind);
}

export function signalIds(evidence: Evidence[]): string[] {
  return ofKind(evidence, "signal").map((s) => s.id);
}
