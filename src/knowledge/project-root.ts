import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project root: the nearest folder above this file with package.json beside data/, in
 * source (src/knowledge), build (dist/src/knowledge) and bundle (dist/cli/chunks) alike.
 */
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
