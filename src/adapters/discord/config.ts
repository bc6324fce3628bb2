import { z } from "zod";
import type { Config } from "../../config/config.js";
import * as fields from "../env-fields.js";

/** The Discord adapter's settings, read from the environment (names from the CLI contract). */
export interface DiscordConfig {
  token: string;
  /** REST base URL without the version; the gateway URL comes from its /gateway/bot. */
  apiUrl: string;
  /** Forum and text channel ids to watch; empty means every channel the bot can read. */
  channels: string[];
  staffRoles: string[];
  staffUsers: string[];
  /** Where handoff cards go; none means handoffs are only announced in the thread. */
  staffChannel: string | null;
  /** Answer every new post in watched channels, not only those that look like a rate limit. */
  triageAll: boolean;
  /** Most bytes read from one attachment (after gunzip); the rest is cut with a note. */
  maxAttachmentBytes: number;
  /** Guild commands update at once; global ones can take up to an hour to appear. */
  commandScope: "guild" | "global";
  /**
   * The gateway shards this process runs (DISCORD_SHARD_COUNT, DISCORD_SHARDS): null for one
   * shard as before, "auto" for Discord's recommended count, all in this process.
   */
  shards: ShardPlan | null;
}

/** `count` shards in all, of which this process runs `ids`. */
export type ShardPlan = "auto" | { count: number; ids: number[] };

export const DISCORD_API_DEFAULT = "https://discord.com/api";

export class DiscordConfigError extends fields.EnvVariableError {
  override name = "DiscordConfigError";
}

const SNOWFLAKE = /^\d{5,20}$/;

const ids = fields.csvList.refine((list) => list.every((id) => SNOWFLAKE.test(id)), {
  error: "must be comma-separated numeric Discord ids (Developer Mode → Copy ID)",
});

const optionalId = fields.optionalText.refine((v) => v === null || SNOWFLAKE.test(v), {
  error: "must be a numeric Discord id",
});

/** Keys are the environment variable names, so an issue's path names the variable. */
const DiscordEnv = z.object({
  DISCORD_TOKEN: z.string().trim().min(1, { error: "must be the bot token" }),
  DISCORD_API_URL: fields
    .textOr(DISCORD_API_DEFAULT)
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
    // discord.js appends "/v10/…" itself.
    .transform((v) => v.replace(/\/+$/, "").replace(/\/v\d+$/, "")),
  DISCORD_CHANNELS: ids,
  DISCORD_STAFF_ROLES: ids,
  DISCORD_STAFF_USERS: ids,
  DISCORD_STAFF_CHANNEL: optionalId,
  DISCORD_TRIAGE_ALL: fields.flag,
  DISCORD_MAX_ATTACHMENT_BYTES: fields.positiveIntOr(1_000_000),
  DISCORD_COMMAND_SCOPE: fields
    .textOr("guild")
    .pipe(z.enum(["guild", "global"], { error: "must be guild or global" })),
  DISCORD_SHARD_COUNT: fields.optionalText.pipe(
    z
      .string()
      .regex(/^(auto|[1-9]\d{0,4})$/, { error: 'must be a whole number of shards, or "auto"' })
      .transform((v) => (v === "auto" ? ("auto" as const) : Number(v)))
      .nullable(),
  ),
  DISCORD_SHARDS: fields.optionalText.pipe(
    z
      .string()
      .regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, {
        error: 'must be shard ids and ranges, e.g. "0,1" or "0-3"',
      })
      .transform(shardIds)
      .nullable(),
  ),
});

/** "0, 2-4" → [0, 2, 3, 4]. */
function shardIds(list: string): number[] {
  const ids = new Set<number>();
  for (const part of list.split(",")) {
    const [from, to = from] = part.split("-").map((n) => Number(n.trim()));
    for (let id = from ?? 0; id <= (to ?? 0); id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * Several processes serve one token by each running its own shards out of the same count: the
 * ids must be below the count, and a process that names ids must say of how many.
 */
function shardPlan(count: number | "auto" | null, ids: number[] | null): ShardPlan | null {
  const error = (variable: string, message: string) => new DiscordConfigError(variable, message);
  if (ids !== null && (count === null || count === "auto"))
    throw error(
      "DISCORD_SHARDS",
      "needs DISCORD_SHARD_COUNT, the number of shards of all processes",
    );
  if (count === null) return null;
  if (count === "auto") return "auto";
  if (ids === null) return { count, ids: Array.from({ length: count }, (_, i) => i) };
  if (ids.length === 0) throw error("DISCORD_SHARDS", "names no shard");
  const beyond = ids.filter((id) => id >= count);
  if (beyond.length > 0)
    throw error(
      "DISCORD_SHARDS",
      `shard ${beyond.join(", ")} is not below DISCORD_SHARD_COUNT=${count} (ids count from 0)`,
    );
  return { count, ids };
}

/**
 * The Discord settings, or null when DISCORD_TOKEN is unset (Discord does not run). A bad value
 * throws a DiscordConfigError that names the variable.
 */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig | null {
  if (!env.DISCORD_TOKEN?.trim()) return null;
  const e = fields.parseEnv(DiscordEnv, env, "DISCORD", (v, m) => new DiscordConfigError(v, m));
  return {
    token: e.DISCORD_TOKEN,
    apiUrl: e.DISCORD_API_URL,
    channels: e.DISCORD_CHANNELS,
    staffRoles: e.DISCORD_STAFF_ROLES,
    staffUsers: e.DISCORD_STAFF_USERS,
    staffChannel: e.DISCORD_STAFF_CHANNEL,
    triageAll: e.DISCORD_TRIAGE_ALL,
    maxAttachmentBytes: e.DISCORD_MAX_ATTACHMENT_BYTES,
    commandScope: e.DISCORD_COMMAND_SCOPE,
    shards: shardPlan(e.DISCORD_SHARD_COUNT, e.DISCORD_SHARDS),
  };
}

/** The contract's Discord settings as the app's own config loader produced them (env or file). */
export type AppDiscordSettings = Pick<Config, "discord">;

/**
 * The adapter's settings from the app's config (contract variables, possibly from the config
 * file) plus the Discord-only ones from the environment (DISCORD_STAFF_USERS,
 * DISCORD_TRIAGE_ALL, DISCORD_MAX_ATTACHMENT_BYTES, DISCORD_COMMAND_SCOPE, DISCORD_SHARD_COUNT,
 * DISCORD_SHARDS), validated the same way.
 */
export function discordConfigFromApp(
  app: AppDiscordSettings,
  env: NodeJS.ProcessEnv = process.env,
): DiscordConfig | null {
  return fields.configFromApp(
    app.discord,
    env,
    (d) => ({
      DISCORD_TOKEN: d.token,
      DISCORD_API_URL: d.apiUrl ?? "",
      DISCORD_CHANNELS: d.channels,
      DISCORD_STAFF_ROLES: d.staffRoles,
      DISCORD_STAFF_CHANNEL: d.staffChannel ?? "",
    }),
    loadDiscordConfig,
  );
}
