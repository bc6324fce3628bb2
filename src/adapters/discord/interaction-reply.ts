import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIModalInteractionResponseCallbackData,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import type { RedactedText } from "../../core/redact/types.js";
import type { ActionRow, Button, Modal } from "../../render/discord/api-shapes.js";
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

  /** Sends the text; `rows` (buttons) go under its last part. */
  readonly send = async (
    text: RedactedText | string,
    rows: Array<ActionRow<Button>> = [],
  ): Promise<void> => {
    const parts = textMessages(text as RedactedText);
    for (const [i, part] of parts.entries()) {
      const components = i === parts.length - 1 && rows.length > 0 ? componentsData(rows) : [];
      if (!this.answered) {
        await this.interaction.editReply({
          content: part.content,
          components,
          allowedMentions: NO_PINGS,
        });
        this.answered = true;
      } else {
        await this.interaction.followUp({
          content: part.content,
          components,
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

/** The renderer's button rows, typed for discord.js (the same wire shape). */
export function componentsData(
  rows: Array<ActionRow<Button>>,
): Array<APIActionRowComponent<APIComponentInMessageActionRow>> {
  return rows as unknown as Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
}
