import { z } from "zod";

/** Languages a reply can be written in (prompts/<lang>/, data/i18n/<lang>.json). */
export const REPLY_LANGUAGES = ["en", "zh", "es", "pt", "ja", "de"] as const;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const list = z.string().transform((s) =>
  s
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== ""),
);

const hours = z
  .string()
  .trim()
  .regex(/^\d+(?:\.\d+)?$/, { error: "must be a number of hours, e.g. 24" })
  .transform(Number)
  .refine((n) => n > 0, { error: "must be more than 0 hours" });

const positive = (unit: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(?:\.\d+)?$/, { error: `must be a number of ${unit}` })
    .transform(Number)
    .refine((n) => n > 0, { error: `must be more than 0 ${unit}` });

const httpUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/\S+$/, { error: "must be an http:// or https:// URL" });

/**
 * The environment variables `npm start` reads. Names from the cli contract, plus the stale
 * policy, CONFIG_FILE, LOG_FILE and CONSOLE_START_TIME. Every value arrives as a string.
 */
export const EnvSchema = z.object({
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_API_URL: httpUrl.optional(),
  DISCORD_CHANNELS: list.optional(),
  DISCORD_STAFF_ROLES: list.optional(),
  DISCORD_STAFF_CHANNEL: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_API_URL: httpUrl.optional(),
  SLACK_CHANNELS: list.optional(),
  SLACK_STAFF_CHANNEL: z.string().optional(),
  SLACK_STAFF_USERS: list.optional(),
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, { error: "must be a port number (0-65535)" })
    .transform(Number)
    .refine((n) => n <= 65_535, { error: "must be a port number (0-65535)" })
    .optional(),
  HOST: z.string().trim().min(1).optional(),
  GITHUB_TOKEN: z.string().optional(),
  GITHUB_REPO: z
    .string()
    .trim()
    .regex(/^[\w.-]+\/[\w.-]+$/, { error: "must be owner/name, e.g. openclaw/openclaw" })
    .optional(),
  GITHUB_API_URL: httpUrl.optional(),
  /** The issue form (JSON) reports are drafted in; default data/issue-forms/openclaw.json. */
  GITHUB_ISSUE_FORM: z.string().trim().min(1).optional(),
  DATABASE_PATH: z.string().trim().min(1).optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// (or postgresql://) URL" })
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]*$/, { error: "must be a schema name: lower-case letters, digits, _" })
    .optional(),
  /**
   * PostgreSQL only: how long a replica owns the timers and outbox rows it claimed; work a dead
   * replica held waits this long before another takes it over.
   */
  CLAIM_LEASE_SECONDS: z
    .string()
    .trim()
    .regex(/^\d+(?:\.\d+)?$/, { error: "must be a number of seconds, e.g. 120" })
    .transform(Number)
    .refine((n) => n >= 1 && n <= 86_400, { error: "must be from 1 to 86400 seconds" })
    .optional(),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }))
    .optional(),
  LOG_FILE: z.string().trim().min(1).optional(),
  STALE_NUDGE_HOURS: hours.optional(),
  STALE_CLOSE_HOURS: hours.optional(),
  /** Incidents across threads (docs/incidents.md). */
  INCIDENT_MIN_REPORTERS: positive("reporters").optional(),
  INCIDENT_WINDOW_MINUTES: positive("minutes").optional(),
  INCIDENT_RATE_FACTOR: positive("times the usual rate").optional(),
  INCIDENT_QUIET_MINUTES: positive("minutes").optional(),
  /** Decide on a worker thread (on by default in platform modes; off: on the main thread). */
  ENGINE_THREAD: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["on", "off", "true", "false", "1", "0"], { error: "must be on or off" }))
    .transform((v) => v === "on" || v === "true" || v === "1")
    .optional(),
  /** Seconds between polls of the providers' status pages; 0 or unset: no polling. */
  STATUS_POLL_SECONDS: z
    .string()
    .trim()
    .regex(/^\d+$/, { error: "must be a whole number of seconds (0: off)" })
    .transform(Number)
    .optional(),
  /** Seconds between checks of the issues the bot filed or linked; 0 or unset: no checks. */
  ISSUE_POLL_SECONDS: z
    .string()
    .trim()
    .regex(/^\d+$/, { error: "must be a whole number of seconds (0: off)" })
    .transform(Number)
    .optional(),
  /** Force the reply language: "es" for every thread, or "C0123=es,C0456=de,*=en" per channel. */
  REPLY_LANGUAGE: z
    .string()
    .trim()
    .transform((s, ctx) => {
      const out: { all: string | null; byChannel: Record<string, string> } = {
        all: null,
        byChannel: {},
      };
      for (const item of s
        .split(",")
        .map((i) => i.trim())
        .filter(Boolean)) {
        const [channel, lang] = item.includes("=")
          ? item.split("=").map((x) => x.trim())
          : ["*", item];
        if (!channel || !lang || !(REPLY_LANGUAGES as readonly string[]).includes(lang)) {
          ctx.addIssue({
            code: "custom",
            message: `"${item}": a language must be one of ${REPLY_LANGUAGES.join(", ")} (e.g. "es" or "C0123=es,*=en")`,
          });
          return z.NEVER;
        }
        if (channel === "*") out.all = lang;
        else out.byChannel[channel] = lang;
      }
      return out;
    })
    .optional(),
  CONSOLE_START_TIME: z
    .string()
    .trim()
    .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
      error: "must be an ISO date-time, e.g. 2026-05-01T12:00:00Z",
    })
    .transform((s) => new Date(s))
    .optional(),
});

export type EnvInput = z.input<typeof EnvSchema>;
export type EnvValues = z.output<typeof EnvSchema>;
export const ENV_NAMES = Object.keys(EnvSchema.shape) as Array<keyof EnvInput>;

/** Variables whose values must never appear in an error message. */
export const SECRET_NAMES: ReadonlySet<string> = new Set([
  "DISCORD_TOKEN",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "GITHUB_TOKEN",
  // A connection URL may carry a password.
  "DATABASE_URL",
]);
