import type { AuthorRole } from "../core/thread.js";
import type { Author } from "./port.js";

/**
 * Who speaks: the thread's first author is the reporter (even staff opening a thread for help);
 * later authors are staff when the adapter says so, else community members. Bots are ignored.
 */
export function roleOf(author: Author, reporterId: string | null): AuthorRole {
  if (author.isBot) return "bot";
  if (reporterId === null || reporterId === author.id) return "reporter";
  return author.isStaff ? "staff" : "community";
}
