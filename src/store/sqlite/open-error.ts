import { statSync } from "node:fs";
import { dirname } from "node:path";

/** The database could not be opened: says where, what is wrong and what to do, without a stack. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "DatabaseOpenError";
  }
}

interface SystemLike {
  code?: string;
  message?: string;
}

/** Who owns `path`, when it exists and it is not the user the bot runs as. */
function foreignOwner(path: string): string | null {
  try {
    const owner = statSync(path).uid;
    const me = process.getuid?.();
    if (me === undefined || owner === me) return null;
    return `owned by uid ${owner}${owner === 0 ? " (root)" : ""}, while the bot runs as uid ${me}`;
  } catch {
    return null;
  }
}

/**
 * Turns what mkdir, SQLite or the first pragmas threw into one sentence a person can act on: a
 * folder that cannot be created, a file or folder owned by another user (the Docker volume case),
 * a read-only disk, a path that is a folder.
 */
export function explainOpenError(error: unknown, path: string): DatabaseOpenError {
  const { code = "", message = String(error) } = (error ?? {}) as SystemLike;
  const folder = dirname(path);
  const owner = foreignOwner(folder) ?? foreignOwner(path);
  const fix = "set DATABASE_PATH to a file in a folder the bot can write";
  const reasons: Record<string, string> = {
    ENOTDIR: `part of the folder path ${folder} is a file, not a folder; ${fix}`,
    EEXIST: `${folder} is a file, not a folder; ${fix}`,
    EACCES: `no permission to create or write in ${folder}${owner ? ` (${owner})` : ""}; ${fix}`,
    EPERM: `no permission to create or write in ${folder}${owner ? ` (${owner})` : ""}; ${fix}`,
    EROFS: `${folder} is on a read-only file system; ${fix}`,
    EISDIR: `it is a folder, not a file; name a file in it, e.g. ${path}/ratelimit-triage.db`,
    SQLITE_READONLY: `the file or its folder is read-only${owner ? ` (${owner})` : ""}; ${fix}`,
    SQLITE_CANTOPEN: `SQLite cannot open or create the file${owner ? ` (${owner})` : ""}; ${fix}`,
    SQLITE_NOTADB: "the file is not an SQLite database; point DATABASE_PATH at another file",
    SQLITE_CORRUPT:
      "the database file is damaged; restore a backup or point DATABASE_PATH elsewhere",
  };
  const isFolder = (() => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  })();
  const reason = isFolder ? reasons.EISDIR : (reasons[code] ?? message);
  return new DatabaseOpenError(path, reason ?? message);
}
