import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PROVIDER_IDS } from "../src/core/vocabulary.js";

/** One labelled help thread, as `../shared/dev-threads/*.json` and `eval/holdout/` hold them. */
export interface LabelledThread {
  id: string;
  title: string;
  tool?: string | null;
  input: string;
  followups: string[];
  truth: {
    provider: string;
    errorClass: string;
    retryable: boolean | "unknown";
    missingInfoAtStart: string[];
  };
  labelConfidence?: string;
}

/** Every `.json` file of a folder (or one file): arrays of labelled threads. */
export function readLabelledThreads(path: string): LabelledThread[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => join(path, f))
    : [path];
  return files.flatMap((f) => JSON.parse(readFileSync(f, "utf8")) as LabelledThread[]);
}

/**
 * The labels name providers more finely than the contract (a subscription, a gateway): the
 * contract's id for each, so that the score compares like with like.
 */
const PROVIDER_ALIASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^google-vertex/u, "google-vertex"],
  [/^google/u, "google"],
  [/^openai/u, "openai"],
  [/^anthropic/u, "anthropic"],
  [/^(?:aws-)?bedrock|^aws-bedrock/u, "aws-bedrock"],
  [/^ollama/u, "ollama"],
  [/^zhipu|^zai\b|^z\.ai/u, "zai"],
  [/^alibaba|^qwen|^dashscope/u, "qwen"],
  [/^azure/u, "azure-openai"],
];

const CONTRACT_PROVIDERS: ReadonlySet<string> = new Set(PROVIDER_IDS);

export function contractProvider(label: string): string {
  const alias = PROVIDER_ALIASES.find(([re]) => re.test(label));
  if (alias) return alias[1];
  return CONTRACT_PROVIDERS.has(label) ? label : "other";
}
