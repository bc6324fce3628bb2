import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compileKnowledge, KnowledgeError, type RawKnowledge } from "./compile.js";
import type { Knowledge } from "./knowledge.js";
import { KNOWLEDGE_KINDS, type KnowledgeKind, kindFiles, promptFiles } from "./knowledge-files.js";
import { projectRoot } from "./project-root.js";

export { projectRoot };

function readJson(path: string): { file: string; data: unknown } {
  const text = readFileSync(path, "utf8");
  try {
    return { file: path, data: JSON.parse(text) };
  } catch (error) {
    throw new KnowledgeError(path, "", `not valid JSON: ${(error as Error).message}`);
  }
}

export function readRawKnowledge(root = projectRoot()): RawKnowledge {
  const dataDir = resolve(root, "data");
  const kinds = Object.fromEntries(
    Object.entries(KNOWLEDGE_KINDS).map(([kind, name]) => [
      kind,
      kindFiles(dataDir, name).map(readJson),
    ]),
  ) as Record<KnowledgeKind, Array<{ file: string; data: unknown }>>;
  const prompts = Object.fromEntries(
    Object.entries(promptFiles(resolve(root, "prompts"))).map(([name, file]) => [
      name,
      readFileSync(file, "utf8"),
    ]),
  );
  return { ...kinds, prompts };
}

let cached: Knowledge | undefined;

/** Loads and validates `data/` and `prompts/` once per process. */
export function loadKnowledge(root?: string): Knowledge {
  if (root !== undefined) return compileKnowledge(readRawKnowledge(root));
  cached ??= compileKnowledge(readRawKnowledge());
  return cached;
}
