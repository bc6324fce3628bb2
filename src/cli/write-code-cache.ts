import { join } from "node:path";
import { PassThrough } from "node:stream";
import { loadWithCodeCache, writeCodeCache } from "./code-cache.js";
import type { CliIo } from "./io.js";

/** What the warm-up reads: a paste with a provider error. */
const PASTE = `Since this morning every request fails:
{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}
I'm on the free tier, retried after a minute, still 429. openclaw 2026.9.6, gemini-2.5-flash.`;

function silentIo(input: string): CliIo {
  const stdin = new PassThrough();
  stdin.end(input);
  return { stdin, stdout: new PassThrough().resume(), stderr: { write: () => true } };
}

/**
 * Bundled next to the CLI and called by scripts/build-cli.mjs: runs analyze twice from
 * dist/cli/fast-commands.cjs, then saves V8's code cache of it, compiled functions included.
 */
export async function writeCodeCacheBeside(outdir: string): Promise<void> {
  const file = join(outdir, "fast-commands.cjs");
  const { exports: fast, script } = loadWithCodeCache(file, { useCache: false });
  fast.useKnowledgeSnapshot(join(outdir, "knowledge-snapshot.json"));
  await fast.analyzeCommand([], silentIo(PASTE));
  await fast.analyzeCommand(["--json"], silentIo(PASTE));
  writeCodeCache(file, script);
}
