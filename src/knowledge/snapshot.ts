import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { SecretRule } from "../core/redact/types.js";
import { compileValidated, type ValidatedKnowledge } from "./compile-patterns.js";
import type { Knowledge } from "./knowledge.js";
import { allKnowledgeFiles, kindFiles } from "./knowledge-files.js";
import { buildSecretRules } from "./secret-rules-build.js";

/*
 * A knowledge snapshot is the validated knowledge written next to the CLI bundle when it is
 * built, with the SHA-256 of every file it was read from. A run whose files still hash the same
 * uses it and skips zod; any edit, added or removed file makes it stale, and the caller loads
 * and validates data/ as usual. This module loads no zod.
 */

export const SNAPSHOT_FORMAT = 2;

export interface KnowledgeSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** Path relative to the project root, with "/" → SHA-256 hex of its bytes. */
  files: Record<string, string>;
  knowledge: ValidatedKnowledge;
  /** `requiredLiterals` of every gated pattern source, so a run does not parse them again. */
  literals: Array<[string, string[] | null]>;
}

/** SHA-256 of each file, keyed by its path relative to `root`. */
export function fingerprint(root: string, files: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of files) {
    const key = relative(root, file).split(sep).join("/");
    out[key] = createHash("sha256").update(readFileSync(file)).digest("hex");
  }
  return out;
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The snapshot at `path`, or null when it is missing, unreadable or of another format. */
export function readSnapshot(path: string): KnowledgeSnapshot | null {
  let snapshot: KnowledgeSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, "utf8")) as KnowledgeSnapshot;
  } catch {
    return null;
  }
  return snapshot?.format === SNAPSHOT_FORMAT &&
    snapshot.files &&
    snapshot.knowledge &&
    Array.isArray(snapshot.literals)
    ? snapshot
    : null;
}

/**
 * The knowledge from the snapshot at `path` when every knowledge file under `root` is the one it
 * was built from; null otherwise (then load and validate data/). Patterns compile on first use:
 * the snapshot was only written once they all compiled.
 */
export function knowledgeFromSnapshot(path: string, root: string): Knowledge | null {
  const snapshot = readSnapshot(path);
  if (!snapshot || !sameFiles(fingerprint(root, allKnowledgeFiles(root)), snapshot.files))
    return null;
  return compileValidated(snapshot.knowledge, {
    lazy: true,
    literals: new Map(snapshot.literals),
  });
}

/** The secret rules from the snapshot when data/secrets* are unchanged; null otherwise. */
export function secretRulesFromSnapshot(path: string, root: string): SecretRule[] | null {
  const snapshot = readSnapshot(path);
  if (!snapshot) return null;
  const now = fingerprint(root, kindFiles(join(resolve(root), "data"), "secrets"));
  const then = Object.fromEntries(
    Object.entries(snapshot.files).filter(
      ([file]) => file === "data/secrets.json" || file.startsWith("data/secrets/"),
    ),
  );
  if (!sameFiles(now, then)) return null;
  return snapshot.knowledge.secrets.flatMap(({ file, body }) => buildSecretRules(file, body));
}
