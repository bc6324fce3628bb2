/**
 * `ratelimit-triage <command> --help`: every option of every command, with an example. The
 * summary (`--help` alone) lists the commands; docs/cli.md says the same at length.
 */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  analyze: `Usage: ratelimit-triage analyze [--json] [FILE ...]

Triage one help thread: prints the reply the bot would post (Markdown), or the TriageReport.
Input: the files named (several files are several pastes of one thread, in order), or standard
input when none. Each is detected by content: a transcript JSON ({"title"?, "messages": [...]}),
a DiscordChatExporter export, a Slack export, or plain text.

Options:
  --json        print the TriageReport (schemaVersion 1) instead of the reply
  -h, --help    show this help
  --            everything after is a file name (a file called "-h", say)

Exit codes: 0 a report was produced (also "unknown"); 2 unusable input (one-line reason).

Examples:
  ratelimit-triage analyze thread.json
  pbpaste | ratelimit-triage analyze --json
`,
  redact: `Usage: ratelimit-triage redact

Reads standard input and writes it to standard output with every secret replaced by a short
marker that keeps a recognisable prefix (AIza…[redacted]); every other byte is kept.

Options:
  -h, --help    show this help

Exit code: 0.

Example:
  ratelimit-triage redact < paste.txt > paste.redacted.txt
`,
  trace: `Usage: ratelimit-triage trace [--json] [--strict] FILE|-

Streams an OpenClaw cache-trace JSONL (any size; gzip accepted; - for standard input) and prints
the summary the bot uses: runs, attempts, errors with provider/model/errorMessage, request sizes,
maxTokens, timing. Malformed lines are counted and reported, never fatal.

Options:
  --json        print the summary as JSON
  --strict      parse every line as JSON, for an exact count of malformed lines (slower)
  -h, --help    show this help

Exit codes: 0 a summary was produced; 2 unreadable file or usage.

Example:
  ratelimit-triage trace --json ~/.openclaw/logs/cache-trace.jsonl
`,
  issue: `Usage: ratelimit-triage issue [options] [FILE ...]

Drafts the GitHub issue for a thread in the sections of the target repository's bug-report
form: the redacted raw error, trace summary, experiments and outcomes, what was ruled out and
why, the verdict and a stable fingerprint. Offline by default: prints the Markdown and a
pre-filled "new issue" link. Input as for analyze (files, or standard input).

Options:
  --json              print the report as JSON (sections, title, fingerprint, url, ...)
  --repo OWNER/NAME   repository to file in (default: GITHUB_REPO, else the form's repository)
  --form FILE         the repository's issue form, as our JSON mapping or a GitHub issue
                      form converted to JSON; default: GITHUB_ISSUE_FORM, else OpenClaw's
                      bug-report form (data/issue-forms/openclaw.json)
  --thread-url URL    link back to the help thread, written into the issue
  --out FILE          also write the full report (Markdown) to FILE, to attach when the
                      link had to trim evidence
  --create            search the repository for duplicates by fingerprint (needs GITHUB_TOKEN;
                      GITHUB_API_URL for GitHub Enterprise) and show what it would do
  --yes               with --create: file the issue, or add the evidence to the duplicate found
  --new               with --create --yes: file a new issue even when a duplicate was found
  --comment N         with --create --yes: add the evidence to issue #N instead
  -h, --help          show this help

Exit codes: 0 done; 1 GitHub refused or failed; 2 unusable input or usage.

Examples:
  ratelimit-triage issue thread.json
  ratelimit-triage issue --out report.md --thread-url https://discord.com/channels/1/2 thread.json
  GITHUB_TOKEN=… ratelimit-triage issue --create --yes thread.json
`,
  "migrate-store": `Usage: ratelimit-triage migrate-store [options]

Copies the bot's SQLite store into PostgreSQL, to move a running community to several replicas
(docs/scale.md): every table (threads, messages, verdicts, questions, outbox, timers, handoffs,
resolutions, issue reports, incidents, watched issues, ...), in one transaction, so either all of
it is copied or nothing. The target's tables are created when missing. Rows the target already
has (same key) are not copied again: a second run copies nothing. Stop the bot before copying:
what it writes afterwards is not copied.

Options:
  --from FILE     the SQLite file (default: DATABASE_PATH, else data/ratelimit-triage.db)
  --to URL        postgres://user:password@host:5432/dbname (default: DATABASE_URL); the
                  password is never printed
  --schema NAME   the PostgreSQL schema (default: DATABASE_SCHEMA, else the connection's
                  search_path, public)
  --force         copy into a store that already has rows: only the rows it lacks are added,
                  rows with a key it has are kept as they are (without --force a store that is
                  not empty is refused)
  --json          print the counts as JSON
  -h, --help      show this help

Prints, per table, the rows copied and the rows already there.

Exit codes: 0 copied (also when nothing was missing); 1 PostgreSQL refused or failed (nothing
was written); 2 usage, no such file, or a target that is not empty without --force.

Examples:
  ratelimit-triage migrate-store --from data/ratelimit-triage.db --to postgres://bot@db:5432/bot
  DATABASE_URL=postgres://bot@db:5432/bot ratelimit-triage migrate-store --json
`,
};

/** `-h`/`--help` before a `--`: the command's help, not a file name. */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "-h" || a === "--help");
}
