/**
 * Where the knowledge snapshot of the running bundle is: set by its entry point (and, for the
 * CommonJS bundle of analyze, by main.mjs). Its own module, importing nothing, so `--help`
 * loads none of the snapshot's code.
 */
let snapshotPath: string | null = null;

export function useKnowledgeSnapshot(path: string | null): void {
  snapshotPath = path;
}

export function knowledgeSnapshotPath(): string | null {
  return snapshotPath;
}
