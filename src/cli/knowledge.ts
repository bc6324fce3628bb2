import { join } from "node:path";
import type { SecretRule } from "../core/redact/types.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { projectRoot } from "../knowledge/project-root.js";
import { knowledgeFromSnapshot, secretRulesFromSnapshot } from "../knowledge/snapshot.js";

/*
 * The commands' knowledge: from the snapshot built beside the bundle when data/ is unchanged
 * (no zod, patterns compiled on first use), else loaded and validated from data/ as always.
 * The validating loaders are imported only then, so a fresh snapshot never loads zod for them.
 */

let snapshotPath: string | null = null;
let knowledge: Knowledge | undefined;

/** Set by the bundle's entry point: the snapshot `scripts/build-cli.mjs` wrote next to it. */
export function useKnowledgeSnapshot(path: string | null): void {
  snapshotPath = path;
  knowledge = undefined;
}

export async function cliKnowledge(): Promise<Knowledge> {
  if (knowledge) return knowledge;
  knowledge = snapshotPath
    ? (knowledgeFromSnapshot(snapshotPath, projectRoot()) ?? undefined)
    : undefined;
  knowledge ??= (await import("../knowledge/load.js")).loadKnowledge();
  return knowledge;
}

export async function cliSecretRules(): Promise<SecretRule[]> {
  const root = projectRoot();
  const fromSnapshot = snapshotPath ? secretRulesFromSnapshot(snapshotPath, root) : null;
  if (fromSnapshot) return fromSnapshot;
  const { readSecretRules } = await import("../knowledge/secret-rules.js");
  return readSecretRules(join(root, "data"));
}
