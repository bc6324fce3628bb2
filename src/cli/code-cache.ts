import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";
import type { Command } from "./io.js";

/*
 * Node 20 keeps no compile cache for ES modules (module.enableCompileCache is Node 22), but
 * vm.Script takes V8's code cache for a classic script. The build writes one for the CommonJS
 * bundle of analyze, after running it, so it holds their compiled functions.
 * V8 checks the cache against the source and its own version and flags; a cache it rejects (or
 * none) only means compiling as usual.
 */

export interface FastCommands {
  analyzeCommand: Command;
  useKnowledgeSnapshot(path: string | null): void;
}

export interface LoadedScript {
  exports: FastCommands;
  script: vm.Script;
}

/** Runs a CommonJS bundle as Node would, with `<file>.cache` as its code cache when usable. */
export function loadWithCodeCache(
  file: string,
  options: { useCache?: boolean } = {},
): LoadedScript {
  const source = readFileSync(file, "utf8");
  let cachedData: Buffer | undefined;
  if (options.useCache ?? true) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // no cache: compile as usual
    }
  }
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    {
      filename: file,
      ...(cachedData ? { cachedData } : {}),
      // import() of a package (resvg for --chart) resolves as in any module of the main context.
      importModuleDynamically: (vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ??
        ((specifier: string) => import(specifier))) as never,
    },
  );
  const module = { exports: {} as FastCommands };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
}

/** Writes the code cache of a script that has run (atomically: a reader sees old or new). */
export function writeCodeCache(file: string, script: vm.Script): void {
  const tmp = `${file}.cache.${process.pid}.tmp`;
  writeFileSync(tmp, script.createCachedData());
  renameSync(tmp, `${file}.cache`);
}
