import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
