import type { DiscordConfig } from "./config.js";
import { looksLikeRateLimit } from "./relevance.js";

/** A channel (or a thread's parent forum/channel) is watched when listed, or when no list is set. */
export function isWatched(config: DiscordConfig, channelId: string | null): boolean {
  if (channelId === null) return false;
  return config.channels.length === 0 || config.channels.includes(channelId);
}

/**
 * Whether the bot answers a message in a thread unasked: the thread is in a watched channel and
 * its name and the message look like a rate limit (any message, with DISCORD_TRIAGE_ALL).
 */
export function wantedInThread(
  config: DiscordConfig,
  thread: { parentId: string | null; name: string },
  message: { content: string; fileNames: readonly string[] },
): boolean {
  return (
    isWatched(config, thread.parentId) &&
    (config.triageAll ||
      looksLikeRateLimit(`${thread.name}\n${message.content}`, message.fileNames))
  );
}

/** A thread's name from the first line of a message: Discord allows 1–100 characters. */
export function threadName(text: string): string {
  const line =
    text
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? "";
  const name = line.replace(/<[@#][!&]?\d+>/g, "").trim() || "Rate-limit help";
  return name.length <= 100 ? name : `${name.slice(0, 99)}…`;
}
