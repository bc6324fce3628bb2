import { afterEach, describe, expect, it } from "vitest";
import { createGitHubOctokit } from "../../src/github/client.js";
import { octokitIssuesApi } from "../../src/github/issues-api.js";
import { downloadText } from "../../src/net/http.js";
import { type LocalServer, startLocalServer } from "./local-server.js";

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Accepts every request and never answers: the server an outbound call must not wait for. */
function silent() {
  return startLocalServer(() => undefined);
}

describe("outbound calls to a server that never answers", () => {
  it("a download gives up with a sentence saying who did not answer", async () => {
    server = await silent();
    const result = await downloadText(`${server.url}/trace.jsonl`, {
      maxBytes: 1000,
      name: "trace.jsonl",
      retry: { retries: 0, timeoutMs: 200 },
    });
    expect(result.text).toBe("");
    expect(result.note).toMatch(
      /could not be downloaded \(127\.0\.0\.1:\d+ did not answer within 0\.2 s\)/,
    );
  });

  it("a GitHub call fails as a network error instead of hanging", async () => {
    server = await silent();
    const octokit = createGitHubOctokit({
      token: "t",
      apiUrl: server.url,
      timeoutMs: 200,
      retryAfterBaseMs: 1,
      spacing: false,
      throttleId: "silent-github",
    });
    const error = await octokitIssuesApi(octokit, { owner: "o", name: "r" })
      .search("x")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "network" });
    expect((error as Error).message).toMatch(/GitHub did not answer within 0\.2 s/);
  });
});
