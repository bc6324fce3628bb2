import { createHash } from "node:crypto";
import { DiscordAPIError, type REST, Routes } from "discord.js";
import type { MessagePart } from "../../render/discord/api-shapes.js";
import { NO_PINGS_JSON } from "./client.js";

/** Discord's "Unknown Message": the message was deleted, so an edit must become a new post. */
const UNKNOWN_MESSAGE = 10008;

/** A picture to attach to the last part of a message (the reply's timeline chart). */
export interface MessageFile {
  name: string;
  data: Buffer;
  contentType: string;
  /** Alt text, shown to screen readers. */
  description: string;
}

function body(part: MessagePart, nonce?: string, file?: MessageFile) {
  return {
    content: part.content,
    embeds: part.embeds,
    components: part.components,
    allowed_mentions: NO_PINGS_JSON,
    ...(file
      ? { attachments: [{ id: 0, filename: file.name, description: file.description }] }
      : {}),
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

/** A multi-part message is stored as the ids of all its parts, comma-separated, first first. */
const joinIds = (ids: readonly string[]): string => ids.join(",");
const splitIds = (stored: string): string[] => stored.split(",").filter((id) => id !== "");

/**
 * Every message the bot posts or edits in a channel goes through here, on discord.js's REST
 * client: per-route buckets, Retry-After and the global limit are honoured there, so a 429
 * delays a reply but never drops it. `allowed_mentions` is set on every body. It remembers
 * nothing: the ids of a multi-part reply travel with it (the outbox stores them), so an edit
 * after a restart still reaches every part.
 */
export class Outbox {
  constructor(private readonly rest: REST) {}

  async post(
    channelId: string,
    part: MessagePart,
    nonce?: string,
    file?: MessageFile,
  ): Promise<string> {
    const message = (await this.rest.post(Routes.channelMessages(channelId), {
      body: body(part, nonce, file),
      ...(file
        ? { files: [{ name: file.name, data: file.data, contentType: file.contentType }] }
        : {}),
    })) as { id: string };
    return message.id;
  }

  /** Posts the parts in order, `file` on the last one; returns their ids as one stored value. */
  async postAll(
    channelId: string,
    parts: MessagePart[],
    actionId?: string,
    file?: MessageFile,
  ): Promise<string> {
    const ids: string[] = [];
    for (const [i, part] of parts.entries())
      ids.push(
        await this.post(
          channelId,
          part,
          nonceFor(actionId, i),
          i === parts.length - 1 ? file : undefined,
        ),
      );
    if (ids.length === 0) throw new Error("nothing to post");
    return joinIds(ids);
  }

  /**
   * Edits an earlier multi-part message in place (`stored`: what postAll returned): parts are
   * edited, added or deleted so the reply keeps its place in the thread. Returns the ids that now
   * stand for it (new ones if the original was deleted).
   */
  async editAll(channelId: string, stored: string, parts: MessagePart[]): Promise<string> {
    const old = splitIds(stored);
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
    return joinIds(ids);
  }
}
