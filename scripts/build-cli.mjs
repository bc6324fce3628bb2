#!/usr/bin/env node
/**
 * Bundles the CLI into dist/cli/main.mjs (and a chunk per command) (run by `npm install`/`npm ci` through "prepare", and by
 * `npm run build:cli`). One file starts about three times faster than the sources through tsx or
 * hundreds of compiled modules. Packages stay external (better-sqlite3 loads from node_modules),
 * except the pure-JS ones every triage loads: zod alone is ~80 files that Node would resolve,
 * read and compile one by one on each start.
 * The bundle sits two levels below the project root, where the knowledge loader finds data/.
 *
 * Then writes dist/cli/knowledge-snapshot.json: data/ validated once here, with the hash of each
 * file, so a run on unchanged data/ skips zod (an edited data/ is validated at run time as before);
 * and dist/cli/fast-commands.cjs with its V8 code cache, for analyze.
 */
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const BUNDLED_PACKAGES = new Set(["zod", "mustache"]);

/** Like `packages: "external"`, but BUNDLED_PACKAGES go into the bundle. */
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const parts = args.path.split("/");
      const pkg = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
      return BUNDLED_PACKAGES.has(pkg) ? undefined : { path: args.path, external: true };
    });
  },
};
const outdir = process.argv[2] ?? join(root, "dist/cli");
// Chunk names carry a hash: without this, every build would leave the previous chunks behind.
rmSync(join(outdir, "chunks"), { recursive: true, force: true });
await build({
  entryPoints: [
    join(root, "src/cli/main.ts"),
    join(root, "src/cli/write-knowledge-snapshot.ts"),
    join(root, "src/cli/write-code-cache.ts"),
  ],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  plugins: [externalPackages],
  // Commands load lazily: each is its own chunk, so its packages load only when it runs.
  splitting: true,
  outdir,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});

// analyze again, as one CommonJS file: main.mjs runs it with a V8 code cache
// (src/cli/code-cache.ts), which Node 20 offers for classic scripts only.
await build({
  entryPoints: [join(root, "src/cli/fast-commands.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  plugins: [externalPackages],
  outfile: join(outdir, "fast-commands.cjs"),
  define: { "import.meta.url": "__import_meta_url" },
  banner: { js: 'var __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
});

const writer = await import(pathToFileURL(join(outdir, "write-knowledge-snapshot.mjs")).href);
try {
  writer.writeSnapshotBeside(outdir, root);
} catch (error) {
  // Not fatal: without a snapshot the CLI validates data/ at each run and reports this error.
  process.stderr.write(`build-cli: no knowledge snapshot: ${error.message}\n`);
}

// Runs analyze and keeps V8's code cache of them. Not fatal either: without it
// they compile as they start, as the ES modules do.
rmSync(join(outdir, "fast-commands.cjs.cache"), { force: true });
const cacheWriter = await import(pathToFileURL(join(outdir, "write-code-cache.mjs")).href);
try {
  await cacheWriter.writeCodeCacheBeside(outdir);
} catch (error) {
  process.stderr.write(`build-cli: no code cache: ${error.message}\n`);
}
