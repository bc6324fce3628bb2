import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseThreadInput } from "../../src/core/input/parse-thread.js";
import { KnowledgeError } from "../../src/knowledge/compile.js";
import type { Knowledge } from "../../src/knowledge/knowledge.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { readSecretRules } from "../../src/knowledge/secret-rules.js";
import {
  knowledgeFromSnapshot,
  readSnapshot,
  secretRulesFromSnapshot,
} from "../../src/knowledge/snapshot.js";
import { writeKnowledgeSnapshot } from "../../src/knowledge/snapshot-write.js";
import { triage } from "../../src/triage.js";
import { FIXTURES, NOW } from "../helpers/fixtures.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Texts the engine reads in the other tests: threads, pastes, OpenClaw output, provider errors. */
function corpus(): string[] {
  const files = (dir: string) =>
    readdirSync(join(FIXTURES, dir))
      .filter((f) => !f.endsWith(".md"))
      .map((f) => readFileSync(join(FIXTURES, dir, f), "utf8").slice(0, 20_000));
  const catalogue = JSON.parse(readFixtureText("provider-errors/catalogue.json")) as {
    entries: Array<{ status: number; headers?: unknown; body: unknown }>;
  };
  return [
    ...files("threads"),
    ...files("conversation"),
    ...files("openclaw"),
    ...catalogue.entries.map(
      (e) =>
        `HTTP ${e.status}\n${JSON.stringify(e.headers ?? {})}\n${typeof e.body === "string" ? e.body : JSON.stringify(e.body)}`,
    ),
    "Error 429 RESOURCE_EXHAUSTED quota exceeded for gemini-2.5-flash",
    "Bekomme seit heute früh ständig 429 bei gemini, das Tageslimit ist erreicht, obwohl ich kaum etwas gemacht habe",
    "每次调用都返回 429，已经等了一分钟还是不行",
  ];
}

function readFixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), "utf8");
}

function reports(kb: Knowledge, texts: string[]) {
  return texts.map((text) => triage(parseThreadInput(text).thread, kb, NOW).report);
}

describe("knowledge snapshot", () => {
  let root: string;
  let snapshot: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "rlt-snapshot-"));
    cpSync(join(ROOT, "data"), join(root, "data"), { recursive: true });
    cpSync(join(ROOT, "prompts"), join(root, "prompts"), { recursive: true });
    snapshot = join(root, "knowledge-snapshot.json");
    writeKnowledgeSnapshot(root, snapshot);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("on unchanged data/, triages exactly as validated knowledge, skipped patterns and all", () => {
    const fromSnapshot = knowledgeFromSnapshot(snapshot, root);
    expect(fromSnapshot).not.toBeNull();
    // Validated (eager) knowledge skips no pattern: neither laziness nor skipping changes an answer.
    const unskipped = loadKnowledge(root);
    expect(unskipped.claims.every((c) => c.needs?.every((n) => n === null) ?? true)).toBe(true);
    const texts = corpus();
    expect(texts.length).toBeGreaterThan(150);
    const expected = reports(unskipped, texts);
    expect(reports(fromSnapshot as Knowledge, texts)).toEqual(expected);
  });

  it("is stale once a knowledge file is edited, added or removed", () => {
    expect(knowledgeFromSnapshot(snapshot, root)).not.toBeNull();
    appendFileSync(join(root, "data/providers.json"), "\n");
    expect(knowledgeFromSnapshot(snapshot, root)).toBeNull();

    writeKnowledgeSnapshot(root, snapshot);
    writeFileSync(join(root, "data/signatures/zz-extra.json"), "[]");
    expect(knowledgeFromSnapshot(snapshot, root)).toBeNull();

    writeKnowledgeSnapshot(root, snapshot);
    rmSync(join(root, "data/signatures/zz-extra.json"));
    expect(knowledgeFromSnapshot(snapshot, root)).toBeNull();

    writeKnowledgeSnapshot(root, snapshot);
    const prompt = readdirSync(join(root, "prompts")).find((f) => f.endsWith(".md")) as string;
    appendFileSync(join(root, "prompts", prompt), "\n");
    expect(knowledgeFromSnapshot(snapshot, root)).toBeNull();
  });

  it("gives the secret rules while data/secrets.json is unchanged, whatever else changed", () => {
    const rules = secretRulesFromSnapshot(snapshot, root);
    const validated = readSecretRules(join(root, "data"));
    expect(rules?.map((r) => [r.id, r.pattern.source, r.pattern.flags])).toEqual(
      validated.map((r) => [r.id, r.pattern.source, r.pattern.flags]),
    );
    appendFileSync(join(root, "data/providers.json"), "\n");
    expect(secretRulesFromSnapshot(snapshot, root)).not.toBeNull();
    appendFileSync(join(root, "data/secrets.json"), "\n");
    expect(secretRulesFromSnapshot(snapshot, root)).toBeNull();
  });

  it("is ignored when corrupt or of another format", () => {
    writeFileSync(snapshot, "{not json");
    expect(knowledgeFromSnapshot(snapshot, root)).toBeNull();
    writeFileSync(snapshot, JSON.stringify({ format: 0, files: {}, knowledge: {} }));
    expect(readSnapshot(snapshot)).toBeNull();
    expect(knowledgeFromSnapshot(join(root, "missing.json"), root)).toBeNull();
  });

  it("is not written for knowledge that does not validate, and an old one is removed", () => {
    writeFileSync(join(root, "data/providers.json"), JSON.stringify([{ id: "google", name: 3 }]));
    expect(() => writeKnowledgeSnapshot(root, snapshot)).toThrow(KnowledgeError);
    expect(readSnapshot(snapshot)).toBeNull();
  });
});
