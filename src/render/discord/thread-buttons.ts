import { replyWord } from "../reply-words.js";
import { type ActionRow, type Button, ButtonStyle, ComponentType } from "./api-shapes.js";
import { CUSTOM_IDS } from "./custom-ids.js";

/** The row under the bot's reply: add details, ask for a human, close it, or report a bug. */
export function threadButtons(words?: Record<string, string>): ActionRow<Button> {
  const button = (custom_id: string, label: string, style: Button["style"]): Button => ({
    type: ComponentType.Button,
    style,
    label,
    custom_id,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      button(CUSTOM_IDS.paste, replyWord(words, "pasteDetails"), ButtonStyle.Primary),
      button(CUSTOM_IDS.handoff, replyWord(words, "handOffHuman"), ButtonStyle.Secondary),
      button(CUSTOM_IDS.solved, replyWord(words, "markSolved"), ButtonStyle.Success),
      button(CUSTOM_IDS.issue, replyWord(words, "draftIssue"), ButtonStyle.Secondary),
    ],
  };
}
