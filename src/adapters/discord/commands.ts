import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type Client,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
  Routes,
} from "discord.js";
import type { Logger } from "pino";
import type { DiscordConfig } from "./config.js";

/** The context-menu command's name is what users see in the Apps menu. */
export const TRIAGE_THREAD_MENU = "Triage this thread";

/** Slash commands and the message context-menu command, in Discord's registration JSON. */
export const COMMANDS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    name: "triage",
    description: "Triage this thread now, or the thread a message link points to",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        name: "link",
        description: "A message link (right-click a message → Copy Message Link)",
        type: ApplicationCommandOptionType.String,
        required: false,
      },
    ],
  },
  {
    name: "diagnose",
    description: "Show the current verdict for this thread (only you see it)",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
  },
  {
    name: "handoff",
    description: "Hand this thread to a human",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        name: "note",
        description: "Anything staff should know",
        type: ApplicationCommandOptionType.String,
        required: false,
      },
    ],
  },
  {
    name: "solved",
    description: "Mark this thread solved (the poster or staff)",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        name: "what_worked",
        description: "Which suggestion fixed it, so the next person gets it first",
        type: ApplicationCommandOptionType.String,
        required: false,
      },
    ],
  },
  {
    name: "issue",
    description: "Draft a GitHub issue from this thread (secrets removed)",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
  },
  {
    name: "card",
    description: "Show this thread's handoff card, with any bot message that could not be sent",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
  },
  {
    name: "incidents",
    description: "Open and recent incidents across threads (staff; only you see it)",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    options: [
      {
        name: "action",
        description: "list (the default), or track: file one GitHub issue for an open incident",
        type: ApplicationCommandOptionType.String,
        required: false,
        choices: [
          { name: "list", value: "list" },
          { name: "track", value: "track" },
        ],
      },
      {
        name: "id",
        description:
          "The incident to track (as /incidents lists it); the newest open one if left out",
        type: ApplicationCommandOptionType.String,
        required: false,
      },
    ],
  },
  {
    name: TRIAGE_THREAD_MENU,
    type: ApplicationCommandType.Message,
    contexts: [InteractionContextType.Guild],
  },
];

/**
 * Registers the commands on ready, replacing whatever was there (PUT is idempotent). Guild
 * commands appear at once; global ones can take up to an hour, so guild is the default.
 */
export async function registerCommands(
  client: Client<true>,
  config: DiscordConfig,
  logger: Logger,
) {
  const appId = client.application.id;
  if (config.commandScope === "global") {
    await client.rest.put(Routes.applicationCommands(appId), { body: COMMANDS });
    logger.info({ count: COMMANDS.length }, "registered global commands");
    return;
  }
  for (const guild of client.guilds.cache.values()) {
    try {
      await client.rest.put(Routes.applicationGuildCommands(appId, guild.id), { body: COMMANDS });
      logger.info({ guildId: guild.id, count: COMMANDS.length }, "registered guild commands");
    } catch (error) {
      logger.warn(
        { guildId: guild.id, err: error },
        "could not register commands: invite the bot with the applications.commands scope",
      );
    }
  }
}
