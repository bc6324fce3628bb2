import type { FakeMessage, FakeUser, World } from "./world.js";

export const InteractionType = {
  ApplicationCommand: 2,
  MessageComponent: 3,
  ModalSubmit: 5,
} as const;

export interface InteractionBase {
  user: FakeUser;
  channelId: string;
}

/** The fields every INTERACTION_CREATE carries in a guild. */
export function interactionBase(world: World, type: number, at: InteractionBase) {
  const id = world.ids.next();
  const channel = world.channels.get(at.channelId);
  const guildId = world.guildOf(at.channelId);
  return {
    id,
    token: `itoken-${id}`,
    application_id: world.appId,
    type,
    version: 1,
    guild_id: guildId,
    channel_id: at.channelId,
    channel: channel ? { ...channel } : { id: at.channelId, type: 0 },
    member: { ...world.member(at.user), permissions: "0" },
    app_permissions: String(world.botPermissions),
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
  };
}

export function slashData(world: World, name: string, options: Record<string, string>) {
  return {
    id: world.ids.next(),
    name,
    type: 1,
    guild_id: world.guildId,
    options: Object.entries(options).map(([key, value]) => ({ name: key, type: 3, value })),
  };
}

export function messageMenuData(world: World, name: string, target: FakeMessage) {
  return {
    id: world.ids.next(),
    name,
    type: 3,
    guild_id: world.guildId,
    target_id: target.id,
    resolved: { messages: { [target.id]: target } },
  };
}

export function modalData(customId: string, values: Record<string, string>) {
  return {
    custom_id: customId,
    components: Object.entries(values).map(([id, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: id, value }],
    })),
  };
}
