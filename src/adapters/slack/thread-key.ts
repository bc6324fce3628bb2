/** A Slack thread as the engine names it: "slack:<channel>:<thread_ts>". */
export interface SlackThread {
  channel: string;
  threadTs: string;
}

export function slackThreadKey(channel: string, threadTs: string): string {
  return `slack:${channel}:${threadTs}`;
}

/** The channel and root ts of a thread key, or null for a key that is not ours. */
export function parseSlackThreadKey(key: string): SlackThread | null {
  const match = /^slack:([A-Z0-9]+):(\d+\.\d+)$/.exec(key);
  return match?.[1] && match[2] ? { channel: match[1], threadTs: match[2] } : null;
}
