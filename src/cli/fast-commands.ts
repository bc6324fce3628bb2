/**
 * The command whose start-up is worth a V8 code cache, analyze (the engine, the knowledge, zod):
 * bundled by scripts/build-cli.mjs as one CommonJS file, dist/cli/fast-commands.cjs, that main.mjs
 * loads through `loadWithCodeCache`, so its functions start compiled instead of being parsed and
 * compiled on each run. redact stays an ES module: it loads none of that, and is lean as it is.
 */
export { analyzeCommand } from "./commands/analyze.js";
export { useKnowledgeSnapshot } from "./knowledge.js";
