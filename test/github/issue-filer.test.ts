import { afterEach, describe, expect, it } from "vitest";
import { GitHubError } from "../../src/github/errors.js";
import { IssueFiler } from "../../src/github/issue-filer.js";
import { issueRequestKey, requestMarker } from "../../src/github/ledger.js";
import { renderIssuePreview } from "../../src/github/render-preview.js";
import {
  bodyWithFingerprint,
  type Filing,
  REPO,
  startFiling,
  THREAD_KEY,
  THREAD_URL,
} from "./support/filing.js";

const ISSUES = "/repos/openclaw/openclaw/issues";
let f: Filing;

afterEach(async () => {
  await f?.fake.close();
});

describe("IssueFiler: preview → confirm → created once", () => {
  it("searches for the fingerprint, then files one issue with title, labels and body", async () => {
    f = await startFiling();
    const filer = f.filer();
    const preview = await filer.preview({
      threadKey: THREAD_KEY,
      report: f.report,
      threadUrl: THREAD_URL,
    });
    expect(preview).toMatchObject({
      suggested: "create",
      duplicates: [],
      searchProblem: null,
      alreadyFiled: null,
    });
    const [search] = f.fake.requestsTo("GET", "/search/issues");
    expect(search?.query.get("q")).toBe(
      `repo:openclaw/openclaw is:issue in:body "${f.report.fingerprint.id}"`,
    );
    expect(
      preview.link.url.startsWith(
        `${f.fake.url}/openclaw/openclaw/issues/new?template=bug_report.yml`,
      ),
    ).toBe(true);
    expect(f.fake.requestsTo("POST", ISSUES)).toHaveLength(0);
    expect(renderIssuePreview(preview, f.kb)).toContain(
      `No open or recently closed issue in openclaw/openclaw carries this fingerprint (\`${f.report.fingerprint.id}\`).`,
    );

    const filed = await filer.confirm(preview.id);
    expect(filed).toMatchObject({ action: "created", issueNumber: 1, repeated: false });
    expect(filed.url).toBe(`${f.fake.url}/openclaw/openclaw/issues/1`);
    const posts = f.fake.requestsTo("POST", ISSUES);
    expect(posts).toHaveLength(1);
    const sent = posts[0]?.body as { title: string; body: string; labels: string[] };
    expect(sent.title).toBe(f.report.title);
    expect(sent.labels).toEqual(["bug"]);
    expect(sent.body).toContain(`<!-- ratelimit-triage:fingerprint=${f.report.fingerprint.id} -->`);
    expect(sent.body).toContain(
      requestMarker(issueRequestKey(THREAD_KEY, f.report.fingerprint.id)),
    );
    expect(f.fake.repo("openclaw/openclaw").issues).toHaveLength(1);
  });

  it("never files twice: a double click joins the first request, a later click returns it", async () => {
    f = await startFiling();
    const filer = f.filer();
    const preview = await filer.preview({ threadKey: THREAD_KEY, report: f.report });
    const [a, b] = await Promise.all([filer.confirm(preview.id), filer.confirm(preview.id)]);
    const again = await filer.confirm(preview.id);
    expect([a.repeated, b.repeated, again.repeated].sort()).toEqual([false, true, true]);
    expect(new Set([a.url, b.url, again.url]).size).toBe(1);
    expect(f.fake.requestsTo("POST", ISSUES)).toHaveLength(1);
    // A new preview of the same thread says it was filed, and offers nothing to file.
    const later = await filer.preview({ threadKey: THREAD_KEY, report: f.report });
    expect(later.suggested).toBe("already_filed");
    expect(later.alreadyFiled).toMatchObject({ action: "created", issueNumber: 1 });
  });

  it("finds an issue whose response was lost (502 after the write) instead of filing again", async () => {
    f = await startFiling();
    f.fake.fail({ method: "POST", path: ISSUES, kind: "server-502-after-write" });
    const filer = f.filer();
    const preview = await filer.preview({ threadKey: THREAD_KEY, report: f.report });
    const filed = await filer.confirm(preview.id);
    expect(filed).toMatchObject({ action: "created", issueNumber: 1 });
    expect(f.fake.requestsTo("POST", ISSUES)).toHaveLength(1);
    expect(f.fake.requestsTo("GET", ISSUES)).toHaveLength(1);
    expect(f.fake.repo("openclaw/openclaw").issues).toHaveLength(1);
  });

  it("resends once when a 502 came before the write, after looking for it", async () => {
    f = await startFiling();
    f.fake.fail({ method: "POST", path: ISSUES, kind: "server-502" });
    const filer = f.filer();
    const filed = await filer.confirm(
      (await filer.preview({ threadKey: THREAD_KEY, report: f.report })).id,
    );
    expect(filed.issueNumber).toBe(1);
    expect(f.fake.requestsTo("POST", ISSUES)).toHaveLength(2);
    expect(f.fake.repo("openclaw/openclaw").issues).toHaveLength(1);
  });

  it("after a crash between the write and the ledger, the next process finds the issue by its marker", async () => {
    f = await startFiling();
    const key = issueRequestKey(THREAD_KEY, f.report.fingerprint.id);
    const marker = requestMarker(key);
    f.fake
      .repo("openclaw/openclaw")
      .addIssue({ title: f.report.title, body: `${f.report.body}\n${marker}\n` }, new Date());
    await f.ledger.put(key, {
      state: "pending",
      action: "create",
      issueNumber: null,
      marker,
      at: new Date().toISOString(),
    });
    const filer = f.filer();
    const filed = await filer.confirm(
      (await filer.preview({ threadKey: THREAD_KEY, report: f.report })).id,
    );
    expect(filed).toMatchObject({ action: "created", issueNumber: 1, repeated: true });
    expect(f.fake.requestsTo("POST", ISSUES)).toHaveLength(0);
  });
});

describe("IssueFiler: duplicates", () => {
  it("offers to add the evidence to an issue with the same fingerprint, says why, and comments once", async () => {
    f = await startFiling();
    const repo = f.fake.repo("openclaw/openclaw");
    repo.addIssue(
      { title: "[Bug]: Gemini 429 at 22%", body: bodyWithFingerprint(f.report.fingerprint.id) },
      new Date(),
    );
    const filer = f.filer();
    const preview = await filer.preview({
      threadKey: THREAD_KEY,
      report: f.report,
      threadUrl: THREAD_URL,
    });
    expect(preview.suggested).toBe("comment");
    expect(preview.duplicates).toHaveLength(1);
    expect(preview.duplicates[0]?.issue).toMatchObject({ number: 1, state: "open" });
    expect(preview.duplicates[0]?.reasons).toEqual([
      `the same fingerprint \`${f.report.fingerprint.id}\` (google · gemini-3-flash · provider_incident · gemini-generic-exhausted · openclaw@2026.2.x)`,
    ]);

    const text = renderIssuePreview(preview, f.kb);
    expect(text).toContain("This looks like an existing issue; add your evidence there");
    expect(text).toContain(
      `- [#1 [Bug]: Gemini 429 at 22%](${f.fake.url}/openclaw/openclaw/issues/1) (open), matched by the same fingerprint`,
    );
    expect(text).toContain(`[Open the pre-filled form](${preview.link.url})`);

    const filed = await filer.confirm(preview.id);
    expect(filed).toMatchObject({ action: "commented", issueNumber: 1, repeated: false });
    expect(filed.url).toMatch(/\/openclaw\/openclaw\/issues\/1#issuecomment-\d+$/);
    const posts = f.fake.requestsTo("POST", `${ISSUES}/1/comments`);
    expect(posts).toHaveLength(1);
    const comment = (posts[0]?.body as { body?: string } | undefined)?.body ?? "";
    expect(comment).toContain(`**Another report of this ([help thread](${THREAD_URL}))**`);
    expect(comment).toContain("matched to this issue by the same fingerprint");
    expect(comment).toContain("RESOURCE_EXHAUSTED");
    expect(f.fake.requestsTo("POST", ISSUES)).toHaveLength(0);
    expect(await filer.confirm(preview.id)).toMatchObject({ action: "commented", repeated: true });
    expect(f.fake.requestsTo("POST", `${ISSUES}/1/comments`)).toHaveLength(1);
  });

  it("lets staff file a new issue anyway", async () => {
    f = await startFiling();
    f.fake
      .repo("openclaw/openclaw")
      .addIssue({ title: "older", body: bodyWithFingerprint(f.report.fingerprint.id) }, new Date());
    const filer = f.filer();
    const preview = await filer.preview({ threadKey: THREAD_KEY, report: f.report });
    expect(await filer.confirm(preview.id, { action: "create" })).toMatchObject({
      action: "created",
      issueNumber: 2,
    });
  });

  it("counts recently closed issues, not old ones, and not loose search hits", async () => {
    f = await startFiling();
    const repo = f.fake.repo("openclaw/openclaw");
    const fp = f.report.fingerprint.id;
    const day = 86_400_000;
    repo.addIssue(
      {
        title: "closed long ago",
        body: bodyWithFingerprint(fp),
        state: "closed",
        closedAt: new Date(Date.now() - 200 * day).toISOString(),
      },
      new Date(Date.now() - 300 * day),
    );
    repo.addIssue(
      {
        title: "closed last week",
        body: bodyWithFingerprint(fp),
        state: "closed",
        closedAt: new Date(Date.now() - 7 * day).toISOString(),
      },
      new Date(Date.now() - 30 * day),
    );
    repo.addIssue({ title: "mentions it in prose only", body: `see ${fp} elsewhere` }, new Date());
    const preview = await f.filer().preview({ threadKey: THREAD_KEY, report: f.report });
    expect(preview.duplicates.map((d) => d.issue.title)).toEqual(["closed last week"]);
  });

  it("matches a known issue of this repository the thread was linked to", async () => {
    f = await startFiling();
    f.fake
      .repo("openclaw/openclaw")
      .addIssue(
        { title: "Raw provider errors hidden behind 'API rate limit reached'", body: "" },
        new Date(),
      );
    const report = {
      ...f.report,
      knownIssues: [
        { title: "Raw provider errors hidden", url: `${f.fake.url}/openclaw/openclaw/issues/1` },
      ],
    };
    const preview = await f.filer().preview({ threadKey: THREAD_KEY, report });
    expect(preview.duplicates[0]?.reasons).toEqual([
      "the thread matches known issue “Raw provider errors hidden” for this version",
    ]);
    expect(f.fake.requestsTo("GET", `${ISSUES}/1`)).toHaveLength(1);
  });
});

describe("IssueFiler: without GitHub", () => {
  it("previews the pre-filled link without a token, and refuses to file", async () => {
    f = await startFiling();
    const filer = new IssueFiler({ kb: f.kb, repo: REPO, api: null });
    const preview = await filer.preview({ threadKey: THREAD_KEY, report: f.report });
    expect(preview).toMatchObject({
      suggested: "link",
      searchProblem: "no GitHub token is configured",
    });
    expect(preview.link.url.startsWith("https://github.com/openclaw/openclaw/issues/new?")).toBe(
      true,
    );
    expect(preview.fullReport).toEqual({
      name: `issue-report-${f.report.fingerprint.id}.md`,
      text: f.report.body,
    });
    await expect(filer.confirm(preview.id)).rejects.toMatchObject({ code: "not_configured" });
    expect(f.fake.requests).toHaveLength(0);
  });

  it("reports a bad token as auth, and an expired preview as such", async () => {
    f = await startFiling();
    const filer = f.filer({ now: () => new Date() });
    const bad = new IssueFiler({
      kb: f.kb,
      repo: REPO,
      api: {
        ...f.api,
        createIssue: () =>
          Promise.reject(new GitHubError("auth", "GitHub rejected the token (401)", 401)),
      },
    });
    const preview = await bad.preview({ threadKey: THREAD_KEY, report: f.report });
    await expect(bad.confirm(preview.id)).rejects.toMatchObject({ code: "auth" });
    await expect(filer.confirm("p-unknown")).rejects.toMatchObject({ code: "preview_expired" });
  });
});
