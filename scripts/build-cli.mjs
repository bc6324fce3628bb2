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
 * file, so a run on unchanged data/ skips zod (an edited data/ is validated at run time as before).
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
  entryPoints: [join(root, "src/cli/main.ts"), join(root, "src/cli/write-knowledge-snapshot.ts")],
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

const writer = await import(pathToFileURL(join(outdir, "write-knowledge-snapshot.mjs")).href);
try {
  writer.writeSnapshotBeside(outdir, root);
} catch (error) {
  // Not fatal: without a snapshot the CLI validates data/ at each run and reports this error.
  process.stderr.write(`build-cli: no knowledge snapshot: ${error.message}\n`);
}
