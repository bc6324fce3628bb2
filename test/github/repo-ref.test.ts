import { describe, expect, it } from "vitest";
import { toGitHubError } from "../../src/github/errors.js";
import { issueNumberIn, parseRepo, webUrlFor } from "../../src/github/repo-ref.js";

describe("repository references", () => {
  it("parses GITHUB_REPO", () => {
    expect(parseRepo("openclaw/openclaw")).toEqual({ owner: "openclaw", name: "openclaw" });
    expect(parseRepo(" acme-co/bot.js ")).toEqual({ owner: "acme-co", name: "bot.js" });
    expect(parseRepo("openclaw")).toBeNull();
    expect(parseRepo("https://github.com/openclaw/openclaw")).toBeNull();
  });

  it("derives the web origin from GITHUB_API_URL", () => {
    expect(webUrlFor(undefined)).toBe("https://github.com");
    expect(webUrlFor("https://api.github.com")).toBe("https://github.com");
    expect(webUrlFor("https://git.acme.test/api/v3")).toBe("https://git.acme.test");
    expect(webUrlFor("http://127.0.0.1:4567")).toBe("http://127.0.0.1:4567");
  });

  it("reads issue numbers from links into the repository only", () => {
    const repo = { owner: "openclaw", name: "openclaw" };
    expect(
      issueNumberIn(
        "https://github.com/openclaw/openclaw/issues/22294",
        repo,
        "https://github.com",
      ),
    ).toBe(22294);
    expect(
      issueNumberIn(
        "https://github.com/openclaw/openclaw/issues/5240#issuecomment-1",
        repo,
        "https://github.com",
      ),
    ).toBe(5240);
    expect(
      issueNumberIn("https://github.com/openclaw/openclaw/pull/42911", repo, "https://github.com"),
    ).toBeNull();
    expect(
      issueNumberIn("https://github.com/other/repo/issues/1", repo, "https://github.com"),
    ).toBeNull();
  });
});

describe("toGitHubError", () => {
  const now = new Date("2026-11-27T20:00:00Z");
  const response = (headers: Record<string, string>) => ({ headers, data: {} });

  it("names rate limits and when they lift", () => {
    const secondary = toGitHubError(
      {
        status: 403,
        message: "You have exceeded a secondary rate limit",
        response: response({ "retry-after": "30" }),
      },
      "create",
      now,
    );
    expect(secondary).toMatchObject({
      code: "rate_limited",
      retryAt: new Date("2026-11-27T20:00:30Z"),
    });
    const primary = toGitHubError(
      {
        status: 403,
        message: "API rate limit exceeded",
        response: response({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1795813200" }),
      },
      "create",
      now,
    );
    expect(primary).toMatchObject({ code: "rate_limited", retryAt: new Date(1795813200 * 1000) });
  });

  it("tells ambiguous failures (the write may have happened) from definite ones", () => {
    expect(
      toGitHubError({ status: 502, message: "Server Error", response: response({}) }, "x")
        .ambiguous,
    ).toBe(true);
    expect(toGitHubError({ status: 500, message: "fetch failed" }, "x")).toMatchObject({
      code: "network",
      ambiguous: true,
    });
    expect(
      toGitHubError({ status: 422, message: "Validation Failed", response: response({}) }, "x"),
    ).toMatchObject({ code: "validation", ambiguous: false });
    expect(
      toGitHubError({ status: 404, message: "Not Found", response: response({}) }, "x").code,
    ).toBe("not_found");
    expect(
      toGitHubError(
        { status: 403, message: "Resource not accessible by integration", response: response({}) },
        "x",
      ).code,
    ).toBe("forbidden");
  });
});
