import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Thread } from "../../src/core/thread.js";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), "utf8");
}

export function threadFixture(name: string): Thread {
  return JSON.parse(readFixture("threads", `${name}.json`)) as Thread;
}

/** A fixed analysis time so reset computations are reproducible. */
export const NOW = new Date("2026-11-27T20:00:00Z");
