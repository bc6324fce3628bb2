import { createHash } from "node:crypto";
import { DiscordAPIError, type REST, Routes } from "discord.js";
import type { MessagePart } from "../../render/discord/api-shapes.js";
import { NO_PINGS_JSON } from "./client.js";

/** Discord's "Unknown Message": the message was deleted, so an edit must become a new post. */
const UNKNOWN_MESSAGE = 10008;

function body(part: MessagePart, nonce?: string) {
  return {
    content: part.content,
    embeds: part.embeds,
    components: part.components,
    allowed_mentions: NO_PINGS_JSON,
    // Discord returns the earlier message instead of posting a second one with the same nonce
    // (for a few minutes): a retry after a lost answer or a crash posts nothing twice.
    ...(nonce ? { nonce, enforce_nonce: true } : {}),
  };
}

/** Discord takes nonces of up to 25 characters: a digest of the action id and the part. */
function nonceFor(actionId: string | undefined, part: number): string | undefined {
  if (actionId === undefined) return undefined;
  return createHash("sha256").update(`${actionId}/${part}`).digest("base64url").slice(0, 25);
}

/**
 * Every message the bot posts or edits in a channel goes through here, on discord.js's REST
 * client: per-route buckets, Retry-After and the global limit are honoured there, so a 429
 * delays a reply but never drops it. `allowed_mentions` is set on every body.
 */
export class Outbox {
  /** All message ids of a multi-part reply, by the id of its first part. */
  private readonly parts = new Map<string, string[]>();

  constructor(private readonly rest: REST) {}

  async post(channelId: string, part: MessagePart, nonce?: string): Promise<string> {
    const message = (await this.rest.post(Routes.channelMessages(channelId), {
      body: body(part, nonce),
    })) as { id: string };
    return message.id;
  }

  /** Posts the parts in order; returns the first part's id, which stands for all of them. */
  async postAll(channelId: string, parts: MessagePart[], actionId?: string): Promise<string> {
    const ids: string[] = [];
    for (const [i, part] of parts.entries())
      ids.push(await this.post(channelId, part, nonceFor(actionId, i)));
    const first = ids[0];
    if (first === undefined) throw new Error("nothing to post");
    this.parts.set(first, ids);
    return first;
  }

  /**
   * Edits an earlier multi-part message in place: parts are edited, added or deleted so the
   * reply keeps its place in the thread. Returns the id that now stands for it (a new one if the
   * original was deleted).
   */
  async editAll(channelId: string, firstId: string, parts: MessagePart[]): Promise<string> {
    const old = this.parts.get(firstId) ?? [firstId];
    const ids: string[] = [];
    try {
      for (const [i, part] of parts.entries()) {
        const id = old[i];
        if (id === undefined) ids.push(await this.post(channelId, part));
        else {
          await this.rest.patch(Routes.channelMessage(channelId, id), { body: body(part) });
          ids.push(id);
        }
      }
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE && ids.length === 0)
        return this.postAll(channelId, parts);
      throw error;
    }
    for (const surplus of old.slice(parts.length))
      await this.rest.delete(Routes.channelMessage(channelId, surplus)).catch(() => undefined);
    this.parts.set(firstId, ids);
    return firstId;
  }
}
