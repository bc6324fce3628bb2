import { buildIssueReport } from "../../../src/core/issue-report/build-report.js";
import type { IssueReport } from "../../../src/core/issue-report/types.js";
import { createGitHubOctokit } from "../../../src/github/client.js";
import { IssueFiler, type IssueFilerOptions } from "../../../src/github/issue-filer.js";
import { type GitHubIssuesApi, octokitIssuesApi } from "../../../src/github/issues-api.js";
import { type IssueLedger, MemoryIssueLedger } from "../../../src/github/ledger.js";
import { parseRepo, type RepoRef, webUrlFor } from "../../../src/github/repo-ref.js";
import { loadIssueForm } from "../../../src/knowledge/issue-form.js";
import type { Knowledge } from "../../../src/knowledge/knowledge.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { triage } from "../../../src/triage.js";
import { type FakeGitHub, startFakeGitHub } from "../../fakes/github/fake-github.js";
import { NOW, threadFixture } from "../../helpers/fixtures.js";

/** One "second" of Retry-After, for the client and the fake alike: tests wait 100 ms, not 1 s. */
export const SECOND_MS = 100;

export const REPO = parseRepo("openclaw/openclaw") as RepoRef;
export const THREAD_KEY = "discord:1467000000000000001";
export const THREAD_URL = "https://discord.com/channels/1456350064065904867/1467000000000000001";

let clients = 0;

export interface Filing {
  fake: FakeGitHub;
  kb: Knowledge;
  report: IssueReport;
  api: GitHubIssuesApi;
  ledger: IssueLedger;
  warnings: string[];
  filer(options?: Partial<IssueFilerOptions>): IssueFiler;
}

/** The seed thread's report, a fake GitHub on loopback and a real Octokit client pointed at it. */
export async function startFiling(policy?: {
  maxRetries?: number;
  maxWaitSeconds?: number;
}): Promise<Filing> {
  const fake = await startFakeGitHub({ secondMs: SECOND_MS });
  const kb = loadKnowledge();
  const thread = threadFixture("openclaw-incident-whole-thread");
  const { analysis } = triage(thread, kb, NOW);
  const report = buildIssueReport(analysis, thread, {
    kb,
    form: loadIssueForm(),
    threadUrl: THREAD_URL,
  });
  const warnings: string[] = [];
  const octokit = createGitHubOctokit({
    token: fake.token,
    apiUrl: fake.url,
    retryAfterBaseMs: SECOND_MS,
    spacing: false,
    throttleId: `test-${++clients}`,
    ...(policy ? { policy } : {}),
    log: {
      debug: () => 0,
      info: () => 0,
      warn: (m) => warnings.push(m),
      error: (m) => warnings.push(m),
    },
  });
  const api = octokitIssuesApi(octokit, REPO);
  const ledger = new MemoryIssueLedger();
  return {
    fake,
    kb,
    report,
    api,
    ledger,
    warnings,
    filer: (options = {}) =>
      new IssueFiler({ kb, repo: REPO, api, ledger, webUrl: webUrlFor(fake.url), ...options }),
  };
}

/** An issue body that carries a fingerprint, as one filed earlier by the bot would. */
export function bodyWithFingerprint(fingerprintId: string): string {
  return `### Summary\n\nEarlier report.\n\n### Additional information\n\n<!-- ratelimit-triage:fingerprint=${fingerprintId} -->\n`;
}
