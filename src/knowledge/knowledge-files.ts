import { readdirSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";

/** The knowledge kinds: each is `data/<dir>.json` and/or every `.json` file in `data/<dir>/`. */
export const KNOWLEDGE_KINDS = {
  providers: "providers",
  signatures: "signatures",
  tools: "tools",
  hypotheses: "hypotheses",
  experiments: "experiments",
  signals: "signals",
  claims: "claims",
  languages: "languages",
  retryCues: "retry-cues",
  questions: "questions",
  mitigations: "mitigations",
  tiers: "tiers",
  prices: "prices",
  knownIssues: "known-issues",
  secrets: "secrets",
  classes: "classes",
  i18n: "i18n",
} as const;

export type KnowledgeKind = keyof typeof KNOWLEDGE_KINDS;

/** The files of one kind, in the order they are read (the single file first, then the folder sorted). */
export function kindFiles(dataDir: string, name: string): string[] {
  const files: string[] = [];
  const single = join(dataDir, `${name}.json`);
  try {
    if (statSync(single).isFile()) files.push(single);
  } catch {
    // optional
  }
  const dir = join(dataDir, name);
  try {
    for (const entry of readdirSync(dir).sort()) {
      if (extname(entry) === ".json") files.push(join(dir, entry));
    }
  } catch {
    // optional
  }
  return files;
}

/** prompts/<name>.md as "<name>", and one level of language folders as "<lang>/<name>": name → file. */
export function promptFiles(dir: string, prefix = ""): Record<string, string> {
  const prompts: Record<string, string> = {};
  try {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (extname(entry) === ".md") prompts[`${prefix}${basename(entry, ".md")}`] = path;
      else if (prefix === "" && statSync(path).isDirectory())
        Object.assign(prompts, promptFiles(path, `${entry}/`));
    }
  } catch {
    // no prompts: the renderers fail loudly on the first missing template
  }
  return prompts;
}

/** Every file the knowledge is read from, under `root`: data/ kinds, then prompts/. */
export function allKnowledgeFiles(root: string): string[] {
  const dataDir = resolve(root, "data");
  return [
    ...Object.values(KNOWLEDGE_KINDS).flatMap((name) => kindFiles(dataDir, name)),
    ...Object.values(promptFiles(resolve(root, "prompts"))),
  ];
}
