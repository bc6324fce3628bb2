import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { Author } from "../../conversation/port.js";

/** Group membership changes rarely; re-reading it every 10 minutes keeps API calls low. */
const GROUP_TTL_MS = 10 * 60_000;
const MAX_NAMES = 5000;

export interface AuthorsOptions {
  staffUsers: readonly string[];
  staffGroups: readonly string[];
  now?: () => number;
}

/**
 * Who wrote a message: a display name (users.info, cached) and whether they are staff, by the
 * configured user ids or membership of the configured user groups (usergroups.users.list).
 * A failed lookup degrades to the user id and "not staff"; it never blocks a reply.
 */
export class SlackAuthors {
  private readonly names = new Map<string, string>();
  private groups: { at: number; members: Set<string> } | null = null;
  private readonly now: () => number;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly options: AuthorsOptions,
    private readonly logger: Logger,
  ) {
    this.now = options.now ?? Date.now;
  }

  async author(userId: string, isBot = false): Promise<Author> {
    const [name, isStaff] = await Promise.all([this.name(userId), this.isStaff(userId)]);
    return { id: userId, name, isBot, isStaff };
  }

  async isStaff(userId: string): Promise<boolean> {
    if (this.options.staffUsers.includes(userId)) return true;
    if (this.options.staffGroups.length === 0) return false;
    return (await this.groupMembers()).has(userId);
  }

  private async name(userId: string): Promise<string> {
    const cached = this.names.get(userId);
    if (cached) return cached;
    try {
      const { user } = await this.client.users.info({ user: userId });
      const name = user?.profile?.display_name || user?.real_name || user?.name || userId;
      if (this.names.size >= MAX_NAMES) this.names.clear();
      this.names.set(userId, name);
      return name;
    } catch (error) {
      this.logger.warn({ err: error, userId }, "users.info failed; using the user id as name");
      return userId;
    }
  }

  private async groupMembers(): Promise<Set<string>> {
    if (this.groups && this.now() - this.groups.at < GROUP_TTL_MS) return this.groups.members;
    const members = new Set<string>();
    for (const usergroup of this.options.staffGroups) {
      try {
        const { users } = await this.client.usergroups.users.list({ usergroup });
        for (const id of users ?? []) members.add(id);
      } catch (error) {
        this.logger.warn({ err: error, usergroup }, "usergroups.users.list failed");
      }
    }
    this.groups = { at: this.now(), members };
    return members;
  }
}
