#!/usr/bin/env node
/**
 * `npm run triage -- <command>`: runs the bundled CLI (dist/cli/main.mjs, what `bin` installs),
 * rebuilding it first when it is missing or older than a source file, so an edit to src/ is
 * never answered by a stale bundle. The check stats ~400 files (a few ms); a rebuild takes ~1 s
 * once. Edits to data/ need no rebuild: the bundle notices them and validates data/ itself.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist/cli/main.mjs");

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** Whether a file the bundle is built from changed after it was built. */
function stale() {
  const built = mtime(bundle);
  if (built === null) return true;
  const inputs = [join(root, "scripts/build-cli.mjs"), join(root, "package.json")];
  const src = join(root, "src");
  try {
    for (const entry of readdirSync(src, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) inputs.push(join(entry.parentPath ?? entry.path, entry.name));
  } catch {
    // no sources (an installed package): nothing to rebuild from
  }
  return inputs.some((file) => (mtime(file) ?? 0) > built);
}

if (stale()) {
  try {
    execFileSync(process.execPath, [join(root, "scripts/build-cli.mjs")], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch {
    process.stderr.write("ratelimit-triage: the CLI bundle could not be built (see above)\n");
    process.exit(2);
  }
}
const { runAsProcess } = await import(pathToFileURL(bundle).href);
runAsProcess(process.argv.slice(2));
