import { join } from "node:path";
import type { SecretRule } from "../core/redact/types.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { projectRoot } from "../knowledge/project-root.js";
import { knowledgeFromSnapshot, secretRulesFromSnapshot } from "../knowledge/snapshot.js";
import { knowledgeSnapshotPath } from "./snapshot-path.js";

/*
 * The commands' knowledge: from the snapshot built beside the bundle when data/ is unchanged
 * (no zod, patterns compiled on first use), else loaded and validated from data/ as always.
 * The validating loaders are imported only then, so a fresh snapshot never loads zod for them.
 */

export { useKnowledgeSnapshot } from "./snapshot-path.js";

/** Per snapshot path (none from the sources): the knowledge, once per process. */
const loaded = new Map<string | null, Knowledge>();

export async function cliKnowledge(): Promise<Knowledge> {
  const snapshot = knowledgeSnapshotPath();
  let knowledge = loaded.get(snapshot);
  if (knowledge) return knowledge;
  knowledge = snapshot ? (knowledgeFromSnapshot(snapshot, projectRoot()) ?? undefined) : undefined;
  knowledge ??= (await import("../knowledge/load.js")).loadKnowledge();
  loaded.set(snapshot, knowledge);
  return knowledge;
}

export async function cliSecretRules(): Promise<SecretRule[]> {
  const root = projectRoot();
  const snapshot = knowledgeSnapshotPath();
  const fromSnapshot = snapshot ? secretRulesFromSnapshot(snapshot, root) : null;
  if (fromSnapshot) return fromSnapshot;
  const { readSecretRules } = await import("../knowledge/secret-rules.js");
  return readSecretRules(join(root, "data"));
}
