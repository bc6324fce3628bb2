import type { CommandName } from "../../conversation/port.js";
import type { AuthorRole } from "../../core/thread.js";
import { parseOffset } from "./time-offset.js";

export type SpeakerRole = Exclude<AuthorRole, "bot">;

export type ConsoleCommand =
  | { kind: "new"; title: string | null }
  | { kind: "as"; role: SpeakerRole; name: string | null }
  | { kind: "thread"; name: CommandName; argument: string | null }
  | { kind: "edit" }
  | { kind: "redeliver" }
  | { kind: "incidents"; track: boolean; id: string | null }
  | { kind: "time"; offsetMs: number | null }
  | { kind: "help" }
  | { kind: "quit" }
  | { kind: "invalid"; message: string };

/** The console's slash commands; thread commands map onto the port's IncomingCommand names. */
export function parseConsoleCommand(line: string): ConsoleCommand {
  const [head = "", ...rest] = line.trim().split(/\s+/);
  const argument = rest.join(" ").trim() || null;
  switch (head.toLowerCase()) {
    case "/new":
      return { kind: "new", title: argument };
    case "/as": {
      const [role, ...name] = rest;
      if (role !== "reporter" && role !== "staff" && role !== "community") {
        return { kind: "invalid", message: "usage: /as reporter|staff|community [name]" };
      }
      return { kind: "as", role, name: name.join(" ").trim() || null };
    }
    case "/handoff":
      return { kind: "thread", name: "handoff", argument };
    case "/solved":
      return { kind: "thread", name: "solved", argument };
    case "/card":
      return { kind: "thread", name: "card", argument: null };
    case "/claim":
      return { kind: "thread", name: "claim", argument: null };
    case "/release":
      return { kind: "thread", name: "back_to_bot", argument: null };
    case "/triage":
      return { kind: "thread", name: "triage", argument: null };
    case "/issue":
      return { kind: "thread", name: "issue", argument };
    case "/issue_confirm":
      return { kind: "thread", name: "issue_confirm", argument };
    case "/edit":
      return { kind: "edit" };
    case "/redeliver":
      return { kind: "redeliver" };
    case "/incidents": {
      const [verb, id] = rest;
      if (verb !== undefined && verb !== "track")
        return { kind: "invalid", message: "usage: /incidents [track [incident id]]" };
      return { kind: "incidents", track: verb === "track", id: id ?? null };
    }
    case "/time": {
      if (!argument) return { kind: "time", offsetMs: null };
      const offsetMs = parseOffset(argument);
      return offsetMs === null || offsetMs <= 0
        ? { kind: "invalid", message: "usage: /time +6h (also +90m, +2d, +1h30m)" }
        : { kind: "time", offsetMs };
    }
    case "/help":
      return { kind: "help" };
    case "/quit":
    case "/exit":
      return { kind: "quit" };
    default:
      return { kind: "invalid", message: `unknown command ${head} (try /help)` };
  }
}

export const CONSOLE_HELP = `Type a message as the current speaker; an empty line sends it.
A paste with empty lines of its own goes between two lines of """.
  /new [title]                       start another thread
  /as reporter|staff|community [name] switch speaker (the first speaker of a thread is its reporter)
  /edit                              the next message replaces your last one (an edit)
  /handoff  /solved [what worked]  /card  /claim  /release  /triage  /issue  /issue_confirm create|comment:N
  /time +6h                          advance the fake clock (stale nudges and closes fire)
  /redeliver                         send the last event again (nothing new must happen)
  /incidents [track [id]]            incidents across threads (staff view); track files its issue
  /help  /quit
Mention the bot with @bot to make it speak while staff have the thread.
`;
