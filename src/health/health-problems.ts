/**
 * What the container's HEALTHCHECK checks: healthy when GET /healthz on PORT answers 200 (every
 * platform mode serves it: it pings PostgreSQL too) and, on SQLite, the database folder is
 * writable by this user. A volume mounted over the data folder with another owner is the usual
 * way a container that started fine stops saving anything.
 */
import { accessSync, constants } from "node:fs";
import { dirname, resolve } from "node:path";
import { DEFAULT_DATABASE_PATH } from "../config/config.js";

const TIMEOUT_MS = 3_000;

async function slackAnswers(env: NodeJS.ProcessEnv): Promise<string | null> {
  const platforms = Boolean(env.SLACK_BOT_TOKEN) || Boolean(env.DISCORD_TOKEN);
  if (!platforms) return null;
  const url = `http://127.0.0.1:${env.PORT ?? "3000"}/healthz`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return res.ok ? null : `${url} answered ${res.status}`;
  } catch (error) {
    return `${url} did not answer: ${(error as Error).message}`;
  }
}

function databaseWritable(env: NodeJS.ProcessEnv): string | null {
  if (env.DATABASE_URL) return null;
  const folder = dirname(resolve(env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH));
  try {
    accessSync(folder, constants.W_OK);
    return null;
  } catch (error) {
    return `DATABASE_PATH folder ${folder} is not writable: ${(error as Error).message}`;
  }
}

export async function healthProblems(env: NodeJS.ProcessEnv): Promise<string[]> {
  return [databaseWritable(env), await slackAnswers(env)].filter((p): p is string => p !== null);
}
