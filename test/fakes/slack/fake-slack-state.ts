/** What the fake Slack workspace holds: users, groups, threads, files, the bot's posts. */
export interface FakeUser {
  name: string;
  displayName: string;
}

export class FakeSlackState {
  readonly teamId = "T0FAKE";
  readonly botUserId = "UBOT0001";
  readonly botId = "BBOT0001";
  readonly users = new Map<string, FakeUser>();
  readonly usergroups = new Map<string, string[]>();
  /** "channel:thread_ts" → messages, oldest first (what conversations.replies returns). */
  readonly threads = new Map<string, Array<Record<string, unknown>>>();
  /** "channel:ts" of messages the bot posted: chat.update finds only these. */
  readonly posted = new Set<string>();
  readonly notInChannel = new Set<string>();
  readonly fileObjects = new Map<string, Record<string, unknown>>();
  readonly fileBodies = new Map<string, Buffer>();
  /** Where files.getUploadURLExternal sends uploads (set when the fake listens). */
  uploadBase = "";
  /** Answer files.getUploadURLExternal with an error (a workspace that forbids uploads). */
  refuseUploads = false;
  /** file id → the bytes posted to its upload URL. */
  readonly uploads = new Map<string, Buffer>();
  /** Files completed into a channel or thread (files.completeUploadExternal), in order. */
  readonly shared: Array<{
    id: string;
    title: string;
    channel: string;
    threadTs: string | null;
    altText: string | null;
    bytes: Buffer | undefined;
  }> = [];
  /** file id → what files.getUploadURLExternal was told about it. */
  readonly pendingUploads = new Map<
    string,
    { filename: string; length: number; altText: string | null }
  >();
  private ts = 1_760_000_000;
  private id = 0;

  nextTs(): string {
    this.ts += 1;
    return `${this.ts}.000100`;
  }

  nextId(): number {
    this.id += 1;
    return this.id;
  }

  addToThread(channel: string, threadTs: string, message: Record<string, unknown>): void {
    const key = `${channel}:${threadTs}`;
    this.threads.set(key, [...(this.threads.get(key) ?? []), message]);
  }
}
