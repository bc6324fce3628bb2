import { z } from "zod";
import type { Config } from "../../config/config.js";
import * as fields from "../env-fields.js";

/** The Slack adapter's settings, read from the environment (names from the CLI contract). */
export interface SlackConfig {
  botToken: string;
  /** HTTP mode needs it to verify request signatures; Socket Mode does not. */
  signingSecret: string | null;
  /** Socket Mode instead of HTTP when set. */
  appToken: string | null;
  /** Web API base URL, ending in "/". */
  apiUrl: string;
  /** Channel ids to watch; empty means every channel the bot is a member of. */
  channels: string[];
  staffChannel: string | null;
  staffUsers: string[];
  /** User group ids (S…) whose members count as staff. */
  staffGroups: string[];
  /** Triage every new top-level message in watched channels, not only those about a rate limit. */
  triageAll: boolean;
  /** Most bytes read from one shared file (after gunzip); the rest is cut with a note. */
  maxFileBytes: number;
  /** App Home lists threads awaiting the user this long without activity as "stale soon" (they get nudged, then closed). */
  staleSoonHours: number;
  port: number;
  host: string;
}

export class SlackConfigError extends fields.EnvVariableError {
  override name = "SlackConfigError";
}

/** Keys are the environment variable names, so an issue's path names the variable. */
const SlackEnv = z.object({
  SLACK_BOT_TOKEN: z.string().trim().startsWith("xoxb-", { error: "must be a bot token (xoxb-…)" }),
  SLACK_SIGNING_SECRET: fields.optionalText,
  SLACK_APP_TOKEN: fields.optionalText.refine((v) => v === null || v.startsWith("xapp-"), {
    error: "must be an app-level token (xapp-…)",
  }),
  SLACK_API_URL: fields
    .textOr("https://slack.com/api/")
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
    .transform((v) => (v.endsWith("/") ? v : `${v}/`)),
  SLACK_CHANNELS: fields.csvList,
  SLACK_STAFF_CHANNEL: fields.optionalText,
  SLACK_STAFF_USERS: fields.csvList,
  SLACK_STAFF_GROUP: fields.csvList,
  SLACK_TRIAGE_ALL: fields.flag,
  SLACK_MAX_FILE_BYTES: fields.positiveIntOr(8 * 1024 * 1024),
  SLACK_STALE_SOON_HOURS: fields
    .textOr("24")
    .pipe(z.coerce.number<string>({ error: "must be a number of hours" }).positive()),
  PORT: fields
    .textOr("3000")
    .pipe(z.coerce.number<string>({ error: "must be a port number" }).int().min(0).max(65535)),
  HOST: fields.textOr("0.0.0.0"),
});

/**
 * The Slack settings, or null when Slack is not configured (no SLACK_BOT_TOKEN). Throws a
 * SlackConfigError naming the variable when a value is unusable.
 */
export function loadSlackConfig(env: NodeJS.ProcessEnv = process.env): SlackConfig | null {
  if (!env.SLACK_BOT_TOKEN?.trim()) return null;
  const e = fields.parseEnv(SlackEnv, env, "SLACK", (v, m) => new SlackConfigError(v, m));
  if (e.SLACK_APP_TOKEN === null && e.SLACK_SIGNING_SECRET === null)
    throw new SlackConfigError(
      "SLACK_SIGNING_SECRET",
      "required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
    channels: e.SLACK_CHANNELS,
    staffChannel: e.SLACK_STAFF_CHANNEL,
    staffUsers: e.SLACK_STAFF_USERS,
    staffGroups: e.SLACK_STAFF_GROUP,
    triageAll: e.SLACK_TRIAGE_ALL,
    maxFileBytes: e.SLACK_MAX_FILE_BYTES,
    staleSoonHours: e.SLACK_STALE_SOON_HOURS,
    port: e.PORT,
    host: e.HOST,
  };
}

/** The contract's Slack settings as the app's own config loader produced them (env or file). */
export type AppSlackSettings = Pick<Config, "slack" | "http"> & {
  /** The engine's nudge time: a thread waiting this long is nudged and then closed, so "stale soon". */
  stale?: { nudgeAfterHours: number };
};

/**
 * The adapter's settings from the app's config (contract variables, possibly from the config
 * file) plus the Slack-only ones from the environment (SLACK_STAFF_GROUP, SLACK_TRIAGE_ALL,
 * SLACK_MAX_FILE_BYTES, SLACK_STALE_SOON_HOURS), validated the same way.
 */
export function slackConfigFromApp(
  app: AppSlackSettings,
  env: NodeJS.ProcessEnv = process.env,
): SlackConfig | null {
  // The stale-soon mark follows the engine's nudge time unless set on its own.
  const staleSoon = env.SLACK_STALE_SOON_HOURS || app.stale?.nudgeAfterHours;
  return fields.configFromApp(
    app.slack,
    env,
    (s) => ({
      SLACK_BOT_TOKEN: s.botToken,
      SLACK_SIGNING_SECRET: s.signingSecret ?? "",
      SLACK_APP_TOKEN: s.appToken ?? "",
      SLACK_API_URL: s.apiUrl ?? "",
      SLACK_CHANNELS: s.channels,
      SLACK_STAFF_CHANNEL: s.staffChannel ?? "",
      SLACK_STAFF_USERS: s.staffUsers,
      PORT: app.http.port,
      HOST: app.http.host,
      SLACK_STALE_SOON_HOURS: staleSoon,
    }),
    loadSlackConfig,
  );
}
