import { afterEach, describe, expect, it } from "vitest";
import { createGitHubOctokit } from "../../src/github/client.js";
import { GitHubError } from "../../src/github/errors.js";
import { octokitIssuesApi } from "../../src/github/issues-api.js";
import { type Filing, REPO, SECOND_MS, startFiling, THREAD_KEY } from "./support/filing.js";

const ISSUES = "/repos/openclaw/openclaw/issues";
let f: Filing;

afterEach(async () => {
  await f?.fake.close();
});

/** The fake's own verdict on every rate limit it imposed: did the client come back too early? */
function checks() {
  return f.fake.rateLimitChecks.map(({ kind, path, honoured }) => ({ kind, path, honoured }));
}

describe("the GitHub client honours GitHub's rate limits", () => {
  it("waits out a 403 secondary rate limit's Retry-After on the search", async () => {
    f = await startFiling();
    f.fake.fail({ method: "GET", path: "/search/issues", kind: "secondary-403", seconds: 2 });
    const preview = await f.filer().preview({ threadKey: THREAD_KEY, report: f.report });
    expect(preview.searchProblem).toBeNull();
    expect(checks()).toEqual([{ kind: "secondary-403", path: "/search/issues", honoured: true }]);
    expect(f.fake.requestsTo("GET", "/search/issues")).toHaveLength(2);
    expect(f.warnings.join("\n")).toMatch(
      /GitHub secondary rate limit on GET \/search\/issues.*retrying in 2s/,
    );
  });

  it("waits out a 429 secondary rate limit on the create, and still files once", async () => {
    f = await startFiling();
    f.fake.fail({ method: "POST", path: ISSUES, kind: "secondary-429", seconds: 2 });
    const filer = f.filer();
    const filed = await filer.confirm(
      (await filer.preview({ threadKey: THREAD_KEY, report: f.report })).id,
    );
    expect(filed).toMatchObject({ action: "created", issueNumber: 1 });
    expect(checks()).toEqual([{ kind: "secondary-429", path: ISSUES, honoured: true }]);
    expect(f.fake.requestsTo("POST", ISSUES)).toHaveLength(2);
    expect(f.fake.repo("openclaw/openclaw").issues).toHaveLength(1);
  });

  it("waits out a bare 429 that has only Retry-After (a proxy or GitHub Enterprise)", async () => {
    f = await startFiling();
    f.fake.fail({ method: "POST", path: ISSUES, kind: "retry-after-429", seconds: 2, times: 2 });
    const filer = f.filer();
    const filed = await filer.confirm(
      (await filer.preview({ threadKey: THREAD_KEY, report: f.report })).id,
    );
    expect(filed.issueNumber).toBe(1);
    expect(checks()).toEqual([
      { kind: "retry-after-429", path: ISSUES, honoured: true },
      { kind: "retry-after-429", path: ISSUES, honoured: true },
    ]);
    expect(f.fake.requestsTo("POST", ISSUES)).toHaveLength(3);
  });

  it("waits for x-ratelimit-reset after a primary rate limit", async () => {
    f = await startFiling();
    f.fake.fail({ method: "GET", path: "/search/issues", kind: "primary-403", seconds: 2 });
    const preview = await f.filer().preview({ threadKey: THREAD_KEY, report: f.report });
    expect(preview.searchProblem).toBeNull();
    expect(checks()).toEqual([{ kind: "primary-403", path: "/search/issues", honoured: true }]);
  });

  it("gives up on a wait beyond the cap, and says when the limit lifts", async () => {
    f = await startFiling({ maxWaitSeconds: 60 });
    f.fake.fail({ method: "GET", path: "/search/issues", kind: "primary-403", seconds: 3600 });
    const started = Date.now();
    const error = await f.api.search("repo:openclaw/openclaw x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ code: "rate_limited", status: 403 });
    const retryAt = (error as GitHubError).retryAt?.getTime() ?? 0;
    expect(retryAt).toBeGreaterThan(started + 3000 * 1000);
    expect(f.fake.requestsTo("GET", "/search/issues")).toHaveLength(1);
    expect(f.warnings.join("\n")).toMatch(/not retrying \(wait 36\d\ds/);
  });

  it("stops after the retry budget, and the preview falls back to the link", async () => {
    f = await startFiling({ maxRetries: 1 });
    f.fake.fail({
      method: "GET",
      path: "/search/issues",
      kind: "secondary-403",
      seconds: 1,
      times: 5,
    });
    const preview = await f.filer().preview({ threadKey: THREAD_KEY, report: f.report });
    expect(preview.suggested).toBe("link");
    expect(preview.searchProblem).toMatch(
      /^search issues in openclaw\/openclaw: GitHub rate limit \(HTTP 403\) until /,
    );
    expect(f.fake.requestsTo("GET", "/search/issues")).toHaveLength(2);
  });

  it("does not retry a refused token", async () => {
    f = await startFiling();
    const octokit = createGitHubOctokit({
      token: "wrong",
      apiUrl: f.fake.url,
      retryAfterBaseMs: SECOND_MS,
      spacing: false,
      throttleId: "bad-token",
    });
    const error = await octokitIssuesApi(octokit, REPO)
      .search("x")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "auth", status: 401 });
    expect(f.fake.requests).toHaveLength(1);
  });
});
