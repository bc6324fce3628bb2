import { join } from "node:path";
import { writeKnowledgeSnapshot } from "../knowledge/snapshot-write.js";

/**
 * Bundled next to the CLI by scripts/build-cli.mjs, which calls this right after the bundle is
 * built: the snapshot must come from the same code as the bundle that reads it.
 */
export function writeSnapshotBeside(outdir: string, root: string): void {
  writeKnowledgeSnapshot(root, join(outdir, "knowledge-snapshot.json"));
}
