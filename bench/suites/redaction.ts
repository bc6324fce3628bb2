/**
 * Redaction speed: throughput on a realistic 10 MB paste (gateway logs with a few secrets), and
 * the slowest ~1 MB adversarial input per rule. Printed, never asserted (tests only assert that
 * each rule finishes on the same inputs).
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { redact } from "../../src/core/redact/redact.js";
import { createStreamRedactor } from "../../src/core/redact/stream-redactor.js";
import type { SecretRule } from "../../src/core/redact/types.js";
import { readSecretRules } from "../../src/knowledge/secret-rules.js";
import { CASES } from "../../test/core/redact/support/cases.js";
import { fillFixture, readFixture } from "../../test/core/redact/support/fill.js";
import { PATHOLOGICAL, pathologicalFor } from "../../test/core/redact/support/pathological.js";
import { createRng } from "../../test/core/redact/support/prng.js";
import type { BenchSuite } from "../run.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SIZE = 10_000_000;

/** ~10 MB of gateway log lines; every 500th line is a whole paste (.env, curl, traceback…). */
function realisticPaste(): string {
  const rng = createRng(10);
  const pastes = ["env-file.txt", "curl.txt", "traceback.txt", "chat-config.yaml"];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < SIZE; i++) {
    const line =
      i % 500 === 499
        ? fillFixture(readFixture(rng.pick(pastes)), rng).text
        : `2026-11-23T22:${String(i % 60).padStart(2, "0")}:37.276+00:00 [provider-transport-fetch] response provider=google model=gemini-2.5-flash status=${i % 7 === 0 ? 429 : 200} request_id=req_011C${rng.string("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 16)} elapsedMs=${300 + (i % 700)} quota_metric=generativelanguage.googleapis.com/generate_content_free_tier_requests`;
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join("\n");
}

function mbPerSecond(bytes: number, ms: number): string {
  return `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
}

/** Best of `runs` after one warm-up run: the steady state, not the JIT. */
function best(runs: number, fn: () => void): number {
  fn();
  let fastest = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

function throughput(rules: readonly SecretRule[]): string[] {
  const paste = realisticPaste();
  const found = redact(paste, rules).redactions.length;
  const whole = best(3, () => redact(paste, rules));
  const streamed = best(3, () => {
    const redactor = createStreamRedactor(rules);
    for (let at = 0; at < paste.length; at += 65_536) redactor.push(paste.slice(at, at + 65_536));
    redactor.end();
  });
  return [
    `realistic paste: ${(paste.length / 1e6).toFixed(1)} MB, ${found} secrets`,
    `  redact()            ${whole.toFixed(0).padStart(6)} ms  ${mbPerSecond(paste.length, whole)}`,
    `  stream (64 KiB in)  ${streamed.toFixed(0).padStart(6)} ms  ${mbPerSecond(paste.length, streamed)}`,
  ];
}

function slowestPathological(rules: readonly SecretRule[]): string[] {
  const rows: Array<{ rule: string; input: string; ms: number }> = [];
  rules.forEach((rule, i) => {
    // Keywords stripped so the regex itself meets every input, as in the test.
    const raw: SecretRule = { ...rule, keywords: undefined };
    const own = CASES.find((c) => c.id === rule.id)?.positive(createRng(42));
    const inputs = { ...PATHOLOGICAL, ...(own ? pathologicalFor(own.text, own.secret) : {}) };
    let worst = { rule: `${rule.id} #${i}`, input: "", ms: -1 };
    for (const [name, input] of Object.entries(inputs)) {
      const start = performance.now();
      redact(input, [raw]);
      const ms = performance.now() - start;
      if (ms > worst.ms) worst = { rule: worst.rule, input: name, ms };
    }
    rows.push(worst);
  });
  rows.sort((a, b) => b.ms - a.ms);
  return [
    "slowest ~1 MB pathological input per rule (slowest rule first):",
    ...rows.map(
      (r) => `  ${r.rule.padEnd(32)} ${r.ms.toFixed(0).padStart(6)} ms  ${JSON.stringify(r.input)}`,
    ),
  ];
}

export const suite: BenchSuite = {
  name: "redaction throughput and pathological inputs",
  async run() {
    const rules = readSecretRules(join(ROOT, "data"));
    return [...throughput(rules), ...slowestPathological(rules)];
  },
};
