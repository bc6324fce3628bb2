#!/usr/bin/env node
/**
 * Bundles the CLI into dist/cli/main.mjs (and a chunk per command) (run by `npm install`/`npm ci` through "prepare", and by
 * `npm run build:cli`). One file starts about three times faster than the sources through tsx or
 * hundreds of compiled modules; packages stay external, so better-sqlite3 loads from node_modules.
 * The bundle sits two levels below the project root, where the knowledge loader finds data/.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = process.argv[2] ?? join(root, "dist/cli");
await build({
  entryPoints: [join(root, "src/cli/main.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // Commands load lazily: each is its own chunk, so its packages load only when it runs.
  splitting: true,
  outdir,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
