import { renameSync, rmSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { requiredLiterals } from "../core/evidence/required-literals.js";
import { validateKnowledge } from "./compile.js";
import { compileValidated, gatedSources } from "./compile-patterns.js";
import { allKnowledgeFiles } from "./knowledge-files.js";
import { readRawKnowledge } from "./load.js";
import { fingerprint, type KnowledgeSnapshot, SNAPSHOT_FORMAT } from "./snapshot.js";

/**
 * Validates the knowledge under `root` and compiles every pattern once (so a lazy load of the
 * snapshot can never meet a bad pattern late); throws KnowledgeError like `loadKnowledge`.
 */
export function buildKnowledgeSnapshot(root: string): KnowledgeSnapshot {
  const before = fingerprint(root, allKnowledgeFiles(root));
  const knowledge = validateKnowledge(readRawKnowledge(root));
  compileValidated(knowledge);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(knowledge)), knowledge))
    throw new Error("the validated knowledge does not survive JSON: a snapshot would differ");
  const after = fingerprint(root, allKnowledgeFiles(root));
  if (!isDeepStrictEqual(before, after)) throw new Error("data/ changed while it was read");
  const literals = [...new Set(gatedSources(knowledge))].map(
    (source): [string, string[] | null] => [source, requiredLiterals(source)],
  );
  return { format: SNAPSHOT_FORMAT, files: after, knowledge, literals };
}

/**
 * Writes the snapshot to `out` (atomically). When the knowledge does not validate, removes any
 * old snapshot and rethrows: the CLI then validates data/ at each run and reports the error.
 */
export function writeKnowledgeSnapshot(root: string, out: string): void {
  let snapshot: KnowledgeSnapshot;
  try {
    snapshot = buildKnowledgeSnapshot(root);
  } catch (error) {
    rmSync(out, { force: true });
    throw error;
  }
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(snapshot));
  renameSync(tmp, out);
}
