import { describe, expect, it } from "vitest";
import { enabledPlatforms } from "../../src/config/config.js";
import { ConfigError, loadConfig } from "../../src/config/load-config.js";

function problems(env: Record<string, string>, files: Record<string, string> = {}): string[] {
  try {
    loadConfig(env, (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return text;
    });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("REPLY_LANGUAGE forces one language for all threads, or per channel", () => {
    expect(loadConfig({}).replyLanguages).toBeNull();
    expect(loadConfig({ REPLY_LANGUAGE: "es" }).replyLanguages).toEqual({
      all: "es",
      byChannel: {},
    });
    expect(loadConfig({ REPLY_LANGUAGE: "C0123=ja, C0456=de, *=en" }).replyLanguages).toEqual({
      all: "en",
      byChannel: { C0123: "ja", C0456: "de" },
    });
    expect(problems({ REPLY_LANGUAGE: "C0123=fr" }).join()).toMatch(/REPLY_LANGUAGE.*"C0123=fr"/);
  });

  it("defaults: the console, data/ratelimit-triage.db, 24 h nudge, 48 h close", () => {
    const config = loadConfig({});
    expect(enabledPlatforms(config)).toEqual([]);
    expect(config.databasePath).toBe("data/ratelimit-triage.db");
    expect(config.stale).toEqual({ nudgeAfterHours: 24, closeAfterHours: 48 });
    expect(config.logLevel).toBeNull();
    expect(config.http).toEqual({ port: 3000, host: "0.0.0.0" });
  });

  it("reads the contract's variables", () => {
    const config = loadConfig({
      DISCORD_TOKEN: "t",
      DISCORD_CHANNELS: "1, 2,,3",
      DISCORD_STAFF_ROLES: "9",
      SLACK_BOT_TOKEN: "xoxb",
      SLACK_APP_TOKEN: "xapp",
      DATABASE_PATH: "/var/lib/bot.db",
      LOG_LEVEL: "DEBUG",
      STALE_NUDGE_HOURS: "6",
      STALE_CLOSE_HOURS: "12.5",
      PORT: "8080",
      GITHUB_REPO: "openclaw/openclaw",
      GITHUB_ISSUE_FORM: "forms/bug.json",
      CONSOLE_START_TIME: "2026-05-01T12:00:00Z",
    });
    expect(enabledPlatforms(config)).toEqual(["discord", "slack"]);
    expect(config.discord?.channels).toEqual(["1", "2", "3"]);
    expect(config.slack?.appToken).toBe("xapp");
    expect(config.logLevel).toBe("debug");
    expect(config.stale).toEqual({ nudgeAfterHours: 6, closeAfterHours: 12.5 });
    expect(config.http.port).toBe(8080);
    expect(config.consoleStartTime?.toISOString()).toBe("2026-05-01T12:00:00.000Z");
    expect(config.github).toEqual({
      token: null,
      repo: "openclaw/openclaw",
      apiUrl: null,
      issueForm: "forms/bug.json",
    });
  });

  it("DATABASE_URL picks PostgreSQL; a bad URL or schema is named, its password is not", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://bot:pw@db:5432/triage",
      DATABASE_SCHEMA: "support_bot",
    });
    expect(config.databaseUrl).toBe("postgres://bot:pw@db:5432/triage");
    expect(config.databaseSchema).toBe("support_bot");
    expect(loadConfig({}).databaseUrl).toBeNull();
    const bad = problems({ DATABASE_URL: "mysql://bot:hunter22@db/x", DATABASE_SCHEMA: "Drop;" });
    expect(bad).toHaveLength(2);
    expect(bad[0]).toMatch(/^DATABASE_URL: must be a postgres:\/\//);
    expect(bad[1]).toMatch(/^DATABASE_SCHEMA: /);
    expect(bad.join(" ")).not.toContain("hunter22");
  });

  it("an empty variable counts as unset", () => {
    expect(enabledPlatforms(loadConfig({ DISCORD_TOKEN: "", SLACK_BOT_TOKEN: " " }))).toEqual([]);
  });

  it("names the variable in every problem, all at once", () => {
    expect(
      problems({
        STALE_NUDGE_HOURS: "soon",
        STALE_CLOSE_HOURS: "0",
        PORT: "99999",
        LOG_LEVEL: "loud",
      }),
    ).toEqual([
      'PORT: must be a port number (0-65535) (got "99999")',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'STALE_NUDGE_HOURS: must be a number of hours, e.g. 24 (got "soon")',
      'STALE_CLOSE_HOURS: must be more than 0 hours (got "0")',
    ]);
  });

  it("Slack needs its pair; secrets never appear in messages", () => {
    expect(problems({ SLACK_BOT_TOKEN: "xoxb-secret-value" })).toEqual([
      "SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)",
    ]);
    expect(problems({ SLACK_SIGNING_SECRET: "shh" })).toEqual([
      "SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set",
    ]);
    expect(problems({ GITHUB_REPO: "not a repo", GITHUB_TOKEN: "ghp_x" }).join()).not.toContain(
      "ghp_x",
    );
  });

  it("CONFIG_FILE: same names as the environment, which wins", () => {
    const file = JSON.stringify({
      STALE_NUDGE_HOURS: 2,
      DISCORD_CHANNELS: ["a", "b"],
      DATABASE_PATH: "/from/file.db",
    });
    const config = loadConfig(
      { CONFIG_FILE: "/etc/bot.json", DATABASE_PATH: "/from/env.db" },
      (path) => (path === "/etc/bot.json" ? file : ""),
    );
    expect(config.stale.nudgeAfterHours).toBe(2);
    expect(config.databasePath).toBe("/from/env.db");
    expect(config.discord).toBeNull();
  });

  it("CONFIG_FILE problems name the file and the setting", () => {
    expect(problems({ CONFIG_FILE: "/nope.json" })).toEqual([
      "CONFIG_FILE: cannot read /nope.json (ENOENT)",
    ]);
    expect(problems({ CONFIG_FILE: "/bad.json" }, { "/bad.json": "{" })[0]).toMatch(
      /^CONFIG_FILE: \/bad\.json is not valid JSON/,
    );
    expect(
      problems(
        { CONFIG_FILE: "/c.json" },
        { "/c.json": JSON.stringify({ STALE_NUDGE_HOUR: 1, STALE_CLOSE_HOURS: "x" }) },
      ),
    ).toEqual([
      'CONFIG_FILE: /c.json has an unknown setting "STALE_NUDGE_HOUR"',
      'STALE_CLOSE_HOURS (from /c.json): must be a number of hours, e.g. 24 (got "x")',
    ]);
  });
});
