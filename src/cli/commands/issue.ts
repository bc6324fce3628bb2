import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { joinThreads, parseThreadInput } from "../../core/input/parse-thread.js";
import { buildIssueReport } from "../../core/issue-report/build-report.js";
import { fullReportFileName, newIssueUrl } from "../../core/issue-report/new-issue-url.js";
import type { IssueReport } from "../../core/issue-report/types.js";
import type { GitHubClientConfig } from "../../github/client.js";
import { GitHubError } from "../../github/errors.js";
import type { ConfirmChoice, FiledIssue, IssuePreview } from "../../github/issue-filer.js";
import { renderIssuePreview } from "../../github/render-preview.js";
import { parseRepo, webUrlFor } from "../../github/repo-ref.js";
import { createIssueFiler } from "../../github/setup.js";
import { IssueFormError, loadIssueForm } from "../../knowledge/issue-form.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { triage } from "../../triage.js";
import { type CliIo, type Command, UsageError } from "../io.js";
import { cliKnowledge } from "../knowledge.js";
import { decodeText, readAllText, readHead } from "../read-input.js";

const FLAGS = new Set(["--json", "--create", "--yes", "--new"]);
const OPTIONS = new Set(["--repo", "--form", "--thread-url", "--out", "--comment"]);

interface IssueArgs {
  flags: Set<string>;
  options: Map<string, string>;
  files: string[];
}

function parseArgs(args: string[]): IssueArgs {
  const parsed: IssueArgs = { flags: new Set(), options: new Map(), files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      parsed.files.push(...args.slice(i + 1));
      break;
    }
    const [name = "", inline] = arg.startsWith("--") ? arg.split(/=(.*)/s) : [arg];
    if (FLAGS.has(name)) parsed.flags.add(name);
    else if (OPTIONS.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
      parsed.options.set(name, value);
    } else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else parsed.files.push(arg);
  }
  return parsed;
}

async function readInputs(files: string[], io: CliIo) {
  if (files.length === 0)
    return [{ name: "standard input", text: await readAllText(io.stdin, "standard input") }];
  const inputs: Array<{ name: string; text: string }> = [];
  for (const file of files) {
    let buffer: Buffer;
    try {
      buffer = await readHead(file);
    } catch (error) {
      throw new UsageError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    inputs.push({ name: file, text: decodeText(buffer, file) });
  }
  return inputs;
}

function markdown(report: IssueReport): string {
  return `# ${report.title}\n\n${report.body}`;
}

/** What to run next, so a preview never files by itself. */
function nextStep(preview: IssuePreview): string {
  const dup = preview.duplicates[0]?.issue.number;
  switch (preview.suggested) {
    case "comment":
      return `Re-run with --create --yes to add this evidence to #${dup} as a comment, or --create --new --yes to file a new issue anyway.`;
    case "create":
      return "Re-run with --create --yes to file it.";
    case "already_filed":
      return "Nothing to do.";
    case "link":
      return "Use the pre-filled link, or re-run later to search for duplicates and file it.";
  }
}

function choiceOf(a: IssueArgs, preview: IssuePreview): ConfirmChoice {
  const comment = a.options.get("--comment");
  if (comment !== undefined) {
    const n = Number(comment.replace(/^#/, ""));
    if (!Number.isInteger(n) || n <= 0)
      throw new UsageError(`--comment needs an issue number, not "${comment}"`);
    return { action: "comment", issueNumber: n };
  }
  if (a.flags.has("--new")) return { action: "create" };
  if (preview.suggested === "link")
    throw new GitHubError(
      "not_configured",
      `not filing without a duplicate search (${preview.searchProblem}); add --new to file anyway`,
    );
  return preview.suggested === "comment" ? { action: "comment" } : { action: "create" };
}

interface CreateOutcome {
  preview: IssuePreview;
  filed: FiledIssue | null;
}

/** Searches for duplicates; with --yes, files or comments. Never files without --yes. */
async function create(
  a: IssueArgs,
  io: CliIo,
  env: NodeJS.ProcessEnv,
  kb: Knowledge,
  report: IssueReport,
  repo: string,
  threadKey: string,
  client: Partial<GitHubClientConfig>,
): Promise<CreateOutcome> {
  if (!env.GITHUB_TOKEN)
    throw new UsageError("--create needs GITHUB_TOKEN (a token that can open issues)");
  const warn = (m: string) => io.stderr.write(`${m}\n`);
  const filer = createIssueFiler(
    { token: env.GITHUB_TOKEN, repo, apiUrl: env.GITHUB_API_URL ?? null },
    kb,
    { client: { log: { debug: () => 0, info: () => 0, warn, error: () => 0 }, ...client } },
  );
  const preview = await filer.preview({
    threadKey,
    report,
    threadUrl: a.options.get("--thread-url") ?? null,
  });
  if (!a.flags.has("--yes") || preview.suggested === "already_filed")
    return { preview, filed: preview.alreadyFiled };
  return { preview, filed: await filer.confirm(preview.id, choiceOf(a, preview)) };
}

function describeOutcome({ preview, filed }: CreateOutcome, kb: Knowledge): string {
  const text = `${renderIssuePreview(preview, kb)}\n\n`;
  if (!filed) return `${text}${nextStep(preview)}\n`;
  if (filed.repeated) return `${text}Already ${filed.action}: #${filed.issueNumber} ${filed.url}\n`;
  return filed.action === "created"
    ? `${text}Filed #${filed.issueNumber}: ${filed.url}\n`
    : `${text}Added the evidence to #${filed.issueNumber}: ${filed.url}\n`;
}

/**
 * `issue [--json] [--repo owner/name] [--form FILE] [--thread-url URL] [--out FILE]
 * [--create [--yes] [--new | --comment N]] [FILE ...]`: drafts the GitHub issue for a thread.
 * Offline by default (the Markdown and the pre-filled link); `--create` searches the repository
 * for duplicates and, with `--yes`, files it or adds the evidence to the duplicate.
 * Exit 0 done, 1 GitHub refused or failed, 2 unusable input or usage.
 */
export async function runIssueCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  /** Client overrides; tests turn GitHub's spacing off. */
  client: Partial<GitHubClientConfig> = {},
): Promise<number> {
  const a = parseArgs(args);
  let form: ReturnType<typeof loadIssueForm>;
  try {
    const formFile = a.options.get("--form") ?? env.GITHUB_ISSUE_FORM;
    form = formFile ? loadIssueForm(formFile) : loadIssueForm();
  } catch (error) {
    if (error instanceof IssueFormError) throw new UsageError(error.message);
    throw error;
  }
  const repo = a.options.get("--repo") ?? env.GITHUB_REPO ?? form.repo;
  if (!repo) throw new UsageError("which repository? pass --repo owner/name or set GITHUB_REPO");
  if (!parseRepo(repo)) throw new UsageError(`--repo must be owner/name, not "${repo}"`);
  if (a.flags.has("--yes") && !a.flags.has("--create"))
    throw new UsageError("--yes goes with --create");

  const inputs = await readInputs(a.files, io);
  const thread = joinThreads(inputs.map((i) => parseThreadInput(i.text).thread));
  if (thread.messages.every((m) => m.content.trim() === "" && (m.attachments ?? []).length === 0))
    throw new UsageError("the input is empty: paste the thread, an error body or a transcript");
  const kb = await cliKnowledge();
  const { analysis } = triage(thread, kb, new Date());
  const threadUrl = a.options.get("--thread-url") ?? null;
  const report = buildIssueReport(analysis, thread, { kb, form, threadUrl });
  const file = a.options.get("--out") ?? fullReportFileName(report);
  const link = newIssueUrl(report, kb, {
    repo,
    webUrl: webUrlFor(env.GITHUB_API_URL),
    fullReportFile: file,
  });

  if (a.options.has("--out")) await writeFile(file, markdown(report));
  let outcome: CreateOutcome | null = null;
  if (a.flags.has("--create")) {
    const threadKey = `cli:${createHash("sha256")
      .update(inputs.map((i) => i.text).join("\0"))
      .digest("hex")
      .slice(0, 16)}`;
    try {
      outcome = await create(a, io, env, kb, report, repo, threadKey, client);
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      io.stderr.write(`ratelimit-triage issue: ${error.message}\n`);
      return 1;
    }
  }
  if (a.flags.has("--json")) {
    const { form: _form, ...rest } = report;
    const json = {
      ...rest,
      repo,
      url: link.url,
      trimmed: link.trimmed,
      fullReportFile: file,
      ...(outcome
        ? {
            suggested: outcome.preview.suggested,
            duplicates: outcome.preview.duplicates,
            searchProblem: outcome.preview.searchProblem,
            filed: outcome.filed,
          }
        : {}),
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(`${markdown(report)}\n---\n\n`);
  const trimmed = link.trimmed.length > 0 ? ` (evidence trimmed to fit: attach ${file})` : "";
  io.stdout.write(`Pre-filled link for ${repo}${trimmed}:\n${link.url}\n`);
  if (outcome) io.stdout.write(`\n${describeOutcome(outcome, kb)}`);
  return 0;
}

export const issueCommand: Command = (args, io) => runIssueCommand(args, io, process.env);
