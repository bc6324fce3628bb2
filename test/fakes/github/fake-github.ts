import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type FailureKind,
  isRateLimit,
  matchesFailure,
  PRIMARY_MESSAGE,
  type RateLimitCheck,
  type ScriptedFailure,
  SECONDARY_MESSAGE,
} from "./failures.js";
import { matchesSearch, parseSearchQuery } from "./search-query.js";
import { commentJson, FakeRepo, issueJson } from "./state.js";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

export interface FakeGitHubOptions {
  /** Repositories that exist, "owner/name". */
  repos?: string[];
  token?: string;
  /**
   * Milliseconds one second of Retry-After stands for, in the fake's own check; tests that
   * shrink the client's wait shrink this the same way.
   */
  secondMs?: number;
}

export interface FakeGitHub {
  /** The API base URL (GITHUB_API_URL); also the web origin of html_url links. */
  url: string;
  token: string;
  requests: RecordedRequest[];
  rateLimitChecks: RateLimitCheck[];
  repo(slug: string): FakeRepo;
  fail(failure: ScriptedFailure): void;
  /** Requests matching a method and a path pattern. */
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  close(): Promise<void>;
}

const DOCS = "https://docs.github.com/rest";

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A fake GitHub REST API on 127.0.0.1: the issue, comment and search endpoints issue filing uses,
 * with GitHub's rate-limit headers, scripted failures, and a record of every request.
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const token = options.token ?? `ghp_fake${randomBytes(8).toString("hex")}`;
  const secondMs = options.secondMs ?? 1000;
  const repos = new Map<string, FakeRepo>();
  for (const slug of options.repos ?? ["openclaw/openclaw"]) {
    const [owner = "", name = ""] = slug.split("/");
    repos.set(slug.toLowerCase(), new FakeRepo(owner, name));
  }
  const requests: RecordedRequest[] = [];
  const failures: Array<ScriptedFailure & { left: number }> = [];
  const checks: RateLimitCheck[] = [];
  let commentId = 9000;
  let remaining = 5000;
  let base = "";

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const resetSeconds = Math.ceil(Date.now() / 1000) + 3600;
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "x-github-media-type": "github.v3; format=json",
      "x-github-api-version-selected": "2022-11-28",
      "x-github-request-id": randomBytes(6).toString("hex").toUpperCase(),
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-used": String(5000 - remaining),
      "x-ratelimit-reset": String(resetSeconds),
      "x-ratelimit-resource": "core",
      ...headers,
    });
    res.end(body === null ? "" : JSON.stringify(body));
  };

  /** Answers with a scripted failure, and remembers when the client may come back. */
  const sendFailure = (
    res: ServerResponse,
    kind: FailureKind,
    seconds: number,
    method: string,
    path: string,
  ) => {
    const now = Date.now();
    if (kind === "server-502" || kind === "server-502-after-write") {
      send(res, 502, { message: "Server Error" });
      return;
    }
    if (kind === "primary-403") {
      const reset = Math.ceil(now / 1000) + seconds;
      // In the fake's own time scale: the real gap to the reset, stretched or shrunk by secondMs.
      const notBefore = now + ((reset * 1000 - now) / 1000) * secondMs;
      checks.push({ kind, method, path, notBefore, retriedAt: null, honoured: null });
      send(
        res,
        403,
        {
          message: PRIMARY_MESSAGE,
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        },
        {
          "x-ratelimit-remaining": "0",
          "x-ratelimit-used": "5000",
          "x-ratelimit-reset": String(reset),
        },
      );
      return;
    }
    checks.push({
      kind,
      method,
      path,
      notBefore: now + seconds * secondMs,
      retriedAt: null,
      honoured: null,
    });
    const status = kind === "secondary-403" ? 403 : 429;
    const message = kind === "retry-after-429" ? "Too Many Requests" : SECONDARY_MESSAGE;
    send(
      res,
      status,
      {
        message,
        documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      },
      { "retry-after": String(seconds) },
    );
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", base);
    const method = req.method ?? "GET";
    const path = url.pathname;
    const body = await readBody(req);
    const at = Date.now();
    requests.push({ method, path, query: url.searchParams, headers: req.headers, body, at });
    // The first request on a route after a rate limit is the retry: did it wait?
    const pending = checks.find(
      (c) => c.method === method && c.path === path && c.retriedAt === null,
    );
    if (pending) {
      pending.retriedAt = at;
      pending.honoured = at >= pending.notBefore;
    }
    const auth = req.headers.authorization ?? "";
    if (auth !== `token ${token}` && auth !== `bearer ${token}` && auth !== `Bearer ${token}`) {
      send(res, 401, { message: "Bad credentials", documentation_url: DOCS });
      return;
    }
    remaining = Math.max(0, remaining - 1);
    const failure = failures.find((f) => f.left > 0 && matchesFailure(f, method, path));
    if (failure) failure.left -= 1;
    if (failure && (isRateLimit(failure.kind) || failure.kind === "server-502")) {
      sendFailure(res, failure.kind, failure.seconds ?? 1, method, path);
      return;
    }
    const after = failure?.kind === "server-502-after-write";
    route(method, path, url.searchParams, body, (status, json, headers) =>
      after
        ? sendFailure(res, "server-502-after-write", 0, method, path)
        : send(res, status, json, headers),
    );
  });

  type Reply = (status: number, json: unknown, headers?: Record<string, string>) => void;

  const route = (
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    reply: Reply,
  ) => {
    const now = new Date();
    if (method === "GET" && path === "/search/issues") {
      const q = parseSearchQuery(query.get("q") ?? "");
      const repo = q.repo ? repos.get(q.repo) : undefined;
      const items = repo
        ? repo.issues.filter((i) => matchesSearch(q, i)).map((i) => issueJson(repo, i, base, base))
        : [];
      reply(
        200,
        { total_count: items.length, incomplete_results: false, items },
        {
          "x-ratelimit-limit": "30",
          "x-ratelimit-resource": "search",
        },
      );
      return;
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)\/issues(?:\/(\d+))?(\/comments)?$/.exec(path);
    const repo = m ? repos.get(`${m[1]}/${m[2]}`.toLowerCase()) : undefined;
    if (!m || !repo) {
      reply(404, { message: "Not Found", documentation_url: DOCS });
      return;
    }
    const issueNumber = m[3] ? Number(m[3]) : null;
    const issue = issueNumber === null ? null : repo.issues.find((i) => i.number === issueNumber);
    if (issueNumber !== null && !issue) {
      reply(404, { message: "Not Found", documentation_url: DOCS });
      return;
    }
    const input = (body ?? {}) as { title?: string; body?: string; labels?: string[] };
    if (method === "POST" && !issue && !m[4]) {
      if (!input.title) {
        reply(422, {
          message: "Validation Failed",
          errors: [{ resource: "Issue", field: "title", code: "missing_field" }],
        });
        return;
      }
      const created = repo.addIssue(
        { title: input.title, body: input.body ?? "", labels: input.labels ?? [] },
        now,
      );
      reply(201, issueJson(repo, created, base, base));
      return;
    }
    if (method === "GET" && !issue && !m[4]) {
      const since = query.get("since");
      const state = query.get("state") ?? "open";
      const list = repo.issues
        .filter((i) => state === "all" || i.state === state)
        .filter((i) => !since || i.updatedAt >= since)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((i) => issueJson(repo, i, base, base));
      reply(200, list);
      return;
    }
    if (issue && !m[4] && method === "GET") {
      reply(200, issueJson(repo, issue, base, base));
      return;
    }
    if (issue && m[4] && method === "POST") {
      commentId += 1;
      const comment = repo.addComment(issue, input.body ?? "", now, commentId);
      reply(201, commentJson(repo, comment, base, base));
      return;
    }
    if (issue && m[4] && method === "GET") {
      const since = query.get("since");
      const list = repo.comments
        .filter((c) => c.issueNumber === issue.number && (!since || c.createdAt >= since))
        .map((c) => commentJson(repo, c, base, base));
      reply(200, list);
      return;
    }
    reply(404, { message: "Not Found", documentation_url: DOCS });
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    token,
    requests,
    rateLimitChecks: checks,
    repo(slug) {
      const repo = repos.get(slug.toLowerCase());
      if (!repo) throw new Error(`the fake has no repository ${slug}`);
      return repo;
    },
    fail(failure) {
      failures.push({ ...failure, left: failure.times ?? 1 });
    },
    requestsTo(method, path) {
      return requests.filter(
        (r) =>
          r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)),
      );
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
