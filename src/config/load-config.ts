import { type Config, DEFAULT_CLAIM_LEASE_SECONDS, DEFAULT_DATABASE_PATH } from "./config.js";
import { readConfigFile } from "./config-file.js";
import { ENV_NAMES, EnvSchema, type EnvValues, SECRET_NAMES } from "./env-schema.js";

/** Every problem found, each naming its variable; `npm start` prints them and exits 2. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export type FileReader = (path: string) => string;

const DEFAULT_STALE = { nudgeAfterHours: 24, closeAfterHours: 48 };

function shown(name: string, value: unknown): string {
  if (SECRET_NAMES.has(name) || value === undefined) return "";
  const text = String(value);
  return ` (got "${text.length > 60 ? `${text.slice(0, 57)}...` : text}")`;
}

/**
 * Reads the configuration from the environment and, when CONFIG_FILE names one, a JSON file with
 * the same keys (the environment wins). Pure apart from `readFile`; throws `ConfigError` listing
 * every problem at once, so a deployment is fixed in one round.
 */
export function loadConfig(env: Record<string, string | undefined>, readFile?: FileReader): Config {
  const problems: string[] = [];
  const sources = new Map<string, string>();
  const raw: Record<string, string> = {};
  const configFile = env.CONFIG_FILE?.trim();
  if (configFile) {
    const file = readConfigFile(configFile, readFile, problems);
    for (const [name, value] of Object.entries(file)) {
      raw[name] = value;
      sources.set(name, ` (from ${configFile})`);
    }
  }
  for (const name of ENV_NAMES) {
    const value = env[name];
    // An empty variable is how shells and compose files say "unset".
    if (value !== undefined && value.trim() !== "") {
      raw[name] = value;
      sources.delete(name);
    }
  }
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? "configuration");
      problems.push(`${name}${sources.get(name) ?? ""}: ${issue.message}${shown(name, raw[name])}`);
    }
    throw new ConfigError(problems);
  }
  const config = toConfig(parsed.data, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function toConfig(v: EnvValues, problems: string[]): Config {
  if (v.SLACK_BOT_TOKEN && !v.SLACK_SIGNING_SECRET && !v.SLACK_APP_TOKEN) {
    problems.push(
      "SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }
  if (!v.SLACK_BOT_TOKEN && (v.SLACK_SIGNING_SECRET || v.SLACK_APP_TOKEN)) {
    problems.push(
      `SLACK_BOT_TOKEN: required when ${v.SLACK_SIGNING_SECRET ? "SLACK_SIGNING_SECRET" : "SLACK_APP_TOKEN"} is set`,
    );
  }
  return {
    discord: v.DISCORD_TOKEN
      ? {
          token: v.DISCORD_TOKEN,
          apiUrl: v.DISCORD_API_URL ?? null,
          channels: v.DISCORD_CHANNELS ?? [],
          staffRoles: v.DISCORD_STAFF_ROLES ?? [],
          staffChannel: v.DISCORD_STAFF_CHANNEL ?? null,
        }
      : null,
    slack: v.SLACK_BOT_TOKEN
      ? {
          botToken: v.SLACK_BOT_TOKEN,
          signingSecret: v.SLACK_SIGNING_SECRET ?? null,
          appToken: v.SLACK_APP_TOKEN ?? null,
          apiUrl: v.SLACK_API_URL ?? null,
          channels: v.SLACK_CHANNELS ?? [],
          staffChannel: v.SLACK_STAFF_CHANNEL ?? null,
          staffUsers: v.SLACK_STAFF_USERS ?? [],
        }
      : null,
    http: { port: v.PORT ?? 3000, host: v.HOST ?? "0.0.0.0" },
    github: {
      token: v.GITHUB_TOKEN ?? null,
      repo: v.GITHUB_REPO ?? null,
      apiUrl: v.GITHUB_API_URL ?? null,
      issueForm: v.GITHUB_ISSUE_FORM ?? null,
    },
    databasePath: v.DATABASE_PATH ?? DEFAULT_DATABASE_PATH,
    databaseUrl: v.DATABASE_URL ?? null,
    databaseSchema: v.DATABASE_SCHEMA ?? null,
    claimLeaseSeconds: v.CLAIM_LEASE_SECONDS ?? DEFAULT_CLAIM_LEASE_SECONDS,
    logLevel: v.LOG_LEVEL ?? null,
    logFile: v.LOG_FILE ?? null,
    stale: {
      nudgeAfterHours: v.STALE_NUDGE_HOURS ?? DEFAULT_STALE.nudgeAfterHours,
      closeAfterHours: v.STALE_CLOSE_HOURS ?? DEFAULT_STALE.closeAfterHours,
    },
    incidents: {
      ...(v.INCIDENT_MIN_REPORTERS ? { minReporters: Math.ceil(v.INCIDENT_MIN_REPORTERS) } : {}),
      ...(v.INCIDENT_WINDOW_MINUTES ? { windowMinutes: v.INCIDENT_WINDOW_MINUTES } : {}),
      ...(v.INCIDENT_RATE_FACTOR ? { rateFactor: v.INCIDENT_RATE_FACTOR } : {}),
      ...(v.INCIDENT_QUIET_MINUTES ? { quietMinutes: v.INCIDENT_QUIET_MINUTES } : {}),
    },
    engineThread: v.ENGINE_THREAD ?? true,
    statusPollSeconds: v.STATUS_POLL_SECONDS ?? 0,
    issuePollSeconds: v.ISSUE_POLL_SECONDS ?? 0,
    consoleStartTime: v.CONSOLE_START_TIME ?? null,
    replyLanguages: v.REPLY_LANGUAGE ?? null,
  };
}
