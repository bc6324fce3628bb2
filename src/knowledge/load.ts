import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileKnowledge, KnowledgeError, type RawKnowledge } from "./compile.js";
import type { Knowledge } from "./knowledge.js";

/** The project root: two levels above this file, in source (src/knowledge) and build (dist/src/knowledge) alike. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      if (statSync(join(dir, "package.json")).isFile() && statSync(join(dir, "data")).isDirectory())
        return dir;
    } catch {
      // not here; go up
    }
    dir = dirname(dir);
  }
  throw new Error("cannot find the project root (package.json beside data/)");
}

function readJson(path: string): { file: string; data: unknown } {
  const text = readFileSync(path, "utf8");
  try {
    return { file: path, data: JSON.parse(text) };
  } catch (error) {
    throw new KnowledgeError(path, "", `not valid JSON: ${(error as Error).message}`);
  }
}

/** A knowledge kind is either `data/<name>.json` or every `.json` file in `data/<name>/`. */
function readKind(dataDir: string, name: string): Array<{ file: string; data: unknown }> {
  const files: Array<{ file: string; data: unknown }> = [];
  const single = join(dataDir, `${name}.json`);
  try {
    if (statSync(single).isFile()) files.push(readJson(single));
  } catch {
    // optional
  }
  const dir = join(dataDir, name);
  try {
    for (const entry of readdirSync(dir).sort()) {
      if (extname(entry) === ".json") files.push(readJson(join(dir, entry)));
    }
  } catch {
    // optional
  }
  return files;
}

/** prompts/<name>.md as "<name>", and one level of language folders as "<lang>/<name>". */
function readPrompts(dir: string, prefix = ""): Record<string, string> {
  const prompts: Record<string, string> = {};
  try {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (extname(entry) === ".md")
        prompts[`${prefix}${basename(entry, ".md")}`] = readFileSync(path, "utf8");
      else if (prefix === "" && statSync(path).isDirectory())
        Object.assign(prompts, readPrompts(path, `${entry}/`));
    }
  } catch {
    // no prompts: the renderers fail loudly on the first missing template
  }
  return prompts;
}

export function readRawKnowledge(root = projectRoot()): RawKnowledge {
  const dataDir = resolve(root, "data");
  return {
    providers: readKind(dataDir, "providers"),
    signatures: readKind(dataDir, "signatures"),
    tools: readKind(dataDir, "tools"),
    hypotheses: readKind(dataDir, "hypotheses"),
    experiments: readKind(dataDir, "experiments"),
    signals: readKind(dataDir, "signals"),
    claims: readKind(dataDir, "claims"),
    languages: readKind(dataDir, "languages"),
    retryCues: readKind(dataDir, "retry-cues"),
    questions: readKind(dataDir, "questions"),
    mitigations: readKind(dataDir, "mitigations"),
    tiers: readKind(dataDir, "tiers"),
    prices: readKind(dataDir, "prices"),
    knownIssues: readKind(dataDir, "known-issues"),
    secrets: readKind(dataDir, "secrets"),
    classes: readKind(dataDir, "classes"),
    i18n: readKind(dataDir, "i18n"),
    prompts: readPrompts(resolve(root, "prompts")),
  };
}

let cached: Knowledge | undefined;

/** Loads and validates `data/` and `prompts/` once per process. */
export function loadKnowledge(root?: string): Knowledge {
  if (root !== undefined) return compileKnowledge(readRawKnowledge(root));
  cached ??= compileKnowledge(readRawKnowledge());
  return cached;
}
