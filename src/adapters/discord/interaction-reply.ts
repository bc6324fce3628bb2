import {
  type APIModalInteractionResponseCallbackData,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import type { RedactedText } from "../../core/redact/types.js";
import type { Modal } from "../../render/discord/api-shapes.js";
import { textMessages } from "../../render/discord/reply-messages.js";
import { NO_PINGS } from "./client.js";

/**
 * Ephemeral answers to one deferred interaction: the first fills the deferred reply, later ones
 * are ephemeral follow-ups. Discord allows 3 s to defer and 15 min to follow up, so commands
 * always defer first and answer here when the work is done.
 */
export class EphemeralAnswer {
  private answered = false;

  constructor(private readonly interaction: RepliableInteraction) {}

  get used(): boolean {
    return this.answered;
  }

  async defer(): Promise<void> {
    await this.interaction.deferReply({ flags: MessageFlags.Ephemeral });
  }

  readonly send = async (text: RedactedText | string): Promise<void> => {
    for (const part of textMessages(text as RedactedText)) {
      if (!this.answered) {
        await this.interaction.editReply({ content: part.content, allowedMentions: NO_PINGS });
        this.answered = true;
      } else {
        await this.interaction.followUp({
          content: part.content,
          flags: MessageFlags.Ephemeral,
          allowedMentions: NO_PINGS,
        });
      }
    }
  };
}

/** A polite refusal or a quick answer that needs no work: one ephemeral reply, no defer. */
export async function answerNow(interaction: RepliableInteraction, text: string): Promise<void> {
  await interaction.reply({
    content: text,
    flags: MessageFlags.Ephemeral,
    allowedMentions: NO_PINGS,
  });
}

/** The renderer's modal JSON, typed for discord.js (the same wire shape). */
export function modalData(modal: Modal): APIModalInteractionResponseCallbackData {
  return modal as unknown as APIModalInteractionResponseCallbackData;
}
