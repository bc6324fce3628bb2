/** The validated configuration `npm start` runs with; built by `loadConfig` from env and file. */
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface DiscordConfig {
  token: string;
  apiUrl: string | null;
  channels: string[];
  staffRoles: string[];
  staffChannel: string | null;
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string | null;
  /** Socket Mode when set, HTTP events otherwise. */
  appToken: string | null;
  apiUrl: string | null;
  channels: string[];
  staffChannel: string | null;
  staffUsers: string[];
}

export interface Config {
  /** Null when DISCORD_TOKEN is not set: Discord does not run. */
  discord: DiscordConfig | null;
  /** Null when SLACK_BOT_TOKEN is not set: Slack does not run. */
  slack: SlackConfig | null;
  http: { port: number; host: string };
  github: {
    token: string | null;
    repo: string | null;
    apiUrl: string | null;
    /** GITHUB_ISSUE_FORM: the form file; null for the bundled one. */
    issueForm: string | null;
  };
  databasePath: string;
  /** DATABASE_URL (postgres://…): PostgreSQL instead of the SQLite file, for several replicas. */
  databaseUrl: string | null;
  /** DATABASE_SCHEMA: the PostgreSQL schema (default the connection's search_path, `public`). */
  databaseSchema: string | null;
  /** CLAIM_LEASE_SECONDS: how long a PostgreSQL replica owns the timers and outbox rows it claimed. */
  claimLeaseSeconds: number;
  /** Null when LOG_LEVEL is unset: the mode picks (info for platforms, warn for the console). */
  logLevel: LogLevel | null;
  logFile: string | null;
  stale: { nudgeAfterHours: number; closeAfterHours: number };
  /** Clustering settings that were set (the rest take DEFAULT_INCIDENT_SETTINGS). */
  incidents: {
    minReporters?: number;
    windowMinutes?: number;
    rateFactor?: number;
    quietMinutes?: number;
  };
  /**
   * ENGINE_THREAD: platform modes decide on a worker thread with its own store connection (not
   * with an in-memory SQLite database, which a thread cannot share).
   */
  engineThread: boolean;
  /** Seconds between status page polls; 0: off. */
  statusPollSeconds: number;
  /** Seconds between checks of filed or linked issues for a fix; 0: off. */
  issuePollSeconds: number;
  /** REPLY_LANGUAGE: replies in one language, for all threads or per channel; null: the thread's own. */
  replyLanguages: { all: string | null; byChannel: Record<string, string> } | null;
  /** The console's fake clock starts here instead of the real time (reproducible sessions). */
  consoleStartTime: Date | null;
}

/** Relative to the working directory, as the cli contract's DATABASE_PATH default says. */
export const DEFAULT_DATABASE_PATH = "data/ratelimit-triage.db";

/** A replica that dies holding work delays it by up to this long; long enough for a slow send. */
export const DEFAULT_CLAIM_LEASE_SECONDS = 120;

export type PlatformName = "discord" | "slack";

export function enabledPlatforms(config: Config): PlatformName[] {
  const platforms: PlatformName[] = [];
  if (config.discord) platforms.push("discord");
  if (config.slack) platforms.push("slack");
  return platforms;
}
