/** A Discord message link: https://discord.com/channels/<guild>/<channel>/<message> (or ptb/canary). */
const LINK =
  /^https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/channels\/(\d+|@me)\/(\d+)(?:\/(\d+))?\/?$/;

export interface MessageLink {
  guildId: string;
  channelId: string;
  messageId: string | null;
}

export function parseMessageLink(text: string): MessageLink | null {
  const match = LINK.exec(text.trim());
  if (!match?.[1] || !match[2]) return null;
  return { guildId: match[1], channelId: match[2], messageId: match[3] ?? null };
}
