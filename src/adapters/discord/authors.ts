import type { APIInteractionGuildMember, GuildMember, User } from "discord.js";
import type { Author } from "../../conversation/port.js";
import type { DiscordConfig } from "./config.js";

type AnyMember = GuildMember | APIInteractionGuildMember | null | undefined;

function roleIds(member: AnyMember): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

function displayName(user: User, member: AnyMember): string {
  if (member && "displayName" in member) return member.displayName;
  return member?.nick ?? user.globalName ?? user.username;
}

/** Staff are users with a configured staff role, or listed by id. */
export function isStaff(user: User, member: AnyMember, config: DiscordConfig): boolean {
  if (config.staffUsers.includes(user.id)) return true;
  return roleIds(member).some((id) => config.staffRoles.includes(id));
}

export function toAuthor(user: User, member: AnyMember, config: DiscordConfig): Author {
  return {
    id: user.id,
    name: displayName(user, member),
    isBot: user.bot,
    isStaff: isStaff(user, member, config),
  };
}
