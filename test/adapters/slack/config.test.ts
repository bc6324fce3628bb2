import { describe, expect, test } from "vitest";
import {
  loadSlackConfig,
  SlackConfigError,
  slackConfigFromApp,
} from "../../../src/adapters/slack/config.js";

const base = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "secret" };

function errorOf(env: NodeJS.ProcessEnv): SlackConfigError {
  try {
    loadSlackConfig(env);
  } catch (error) {
    if (error instanceof SlackConfigError) return error;
    throw error;
  }
  throw new Error("expected a SlackConfigError");
}

describe("loadSlackConfig", () => {
  test("is null when Slack is not configured", () => {
    expect(loadSlackConfig({})).toBeNull();
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: "  " })).toBeNull();
  });

  test("HTTP mode with defaults", () => {
    expect(loadSlackConfig(base)).toEqual({
      botToken: "xoxb-1-2-abc",
      signingSecret: "secret",
      appToken: null,
      apiUrl: "https://slack.com/api/",
      channels: [],
      staffChannel: null,
      staffUsers: [],
      staffGroups: [],
      triageAll: false,
      maxFileBytes: 8 * 1024 * 1024,
      staleSoonHours: 24,
      port: 3000,
      host: "0.0.0.0",
    });
  });

  test("reads lists, flags, numbers and the API URL", () => {
    const config = loadSlackConfig({
      ...base,
      SLACK_API_URL: "http://127.0.0.1:4000/api",
      SLACK_CHANNELS: "C1, C2,,",
      SLACK_STAFF_USERS: "U1",
      SLACK_STAFF_GROUP: "S1,S2",
      SLACK_STAFF_CHANNEL: "C9",
      SLACK_TRIAGE_ALL: "true",
      SLACK_MAX_FILE_BYTES: "1024",
      PORT: "0",
      HOST: "127.0.0.1",
    });
    expect(config).toMatchObject({
      apiUrl: "http://127.0.0.1:4000/api/",
      channels: ["C1", "C2"],
      staffUsers: ["U1"],
      staffGroups: ["S1", "S2"],
      staffChannel: "C9",
      triageAll: true,
      maxFileBytes: 1024,
      port: 0,
      host: "127.0.0.1",
    });
  });

  test("Socket Mode needs no signing secret", () => {
    const config = loadSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1-A-1-x" });
    expect(config).toMatchObject({ appToken: "xapp-1-A-1-x", signingSecret: null });
  });

  test.each([
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET", /Socket Mode/],
    [{ ...base, SLACK_BOT_TOKEN: "xoxp-user-token" }, "SLACK_BOT_TOKEN", /xoxb-/],
    [{ ...base, SLACK_APP_TOKEN: "xoxb-wrong" }, "SLACK_APP_TOKEN", /xapp-/],
    [{ ...base, SLACK_API_URL: "ftp://slack" }, "SLACK_API_URL", /http/],
    [{ ...base, SLACK_MAX_FILE_BYTES: "lots" }, "SLACK_MAX_FILE_BYTES", /number/],
    [{ ...base, SLACK_TRIAGE_ALL: "maybe" }, "SLACK_TRIAGE_ALL", /true or false/],
    [{ ...base, PORT: "70000" }, "PORT", /./],
  ])("an unusable value names its variable (%#)", (env, variable, message) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^${variable}: `));
    expect(error.message).toMatch(message);
  });

  test("from the app's config: contract fields from it, Slack-only ones from the environment", () => {
    const app = {
      slack: {
        botToken: "xoxb-from-file",
        signingSecret: "s",
        appToken: null,
        apiUrl: null,
        channels: ["C1"],
        staffChannel: "C2",
        staffUsers: ["U1"],
      },
      http: { port: 8080, host: "127.0.0.1" },
    };
    expect(
      slackConfigFromApp(app, { SLACK_STAFF_GROUP: "S1", SLACK_BOT_TOKEN: "xoxb-env-ignored" }),
    ).toMatchObject({
      botToken: "xoxb-from-file",
      apiUrl: "https://slack.com/api/",
      channels: ["C1"],
      staffChannel: "C2",
      staffUsers: ["U1"],
      staffGroups: ["S1"],
      port: 8080,
      host: "127.0.0.1",
    });
    expect(
      slackConfigFromApp({ ...app, stale: { nudgeAfterHours: 0.5 } }, {})?.staleSoonHours,
    ).toBe(0.5);
    expect(
      slackConfigFromApp(
        { ...app, stale: { nudgeAfterHours: 0.5 } },
        { SLACK_STALE_SOON_HOURS: "6" },
      )?.staleSoonHours,
    ).toBe(6);
    expect(slackConfigFromApp({ ...app, slack: null }, {})).toBeNull();
    expect(() => slackConfigFromApp(app, { SLACK_MAX_FILE_BYTES: "-1" })).toThrow(
      /^SLACK_MAX_FILE_BYTES: /,
    );
  });
});
