import type { DiscordConfig } from "./config.js";

/** A channel (or a thread's parent forum/channel) is watched when listed, or when no list is set. */
export function isWatched(config: DiscordConfig, channelId: string | null): boolean {
  if (channelId === null) return false;
  return config.channels.length === 0 || config.channels.includes(channelId);
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
