import type { IssueOffer } from "../../model/actions.js";
import { type ActionRow, type Button, ButtonStyle, ComponentType } from "./api-shapes.js";
import { issueCommentId, issueCreateId } from "./custom-ids.js";

/** Discord allows five buttons in a row. */
const PER_ROW = 5;

/**
 * The filing choices of an /issue preview: "Add to #N" per duplicate, then "File issue", bound to
 * the thread's id. None when the preview offers no filing (no GitHub token, or the asker may not
 * file). "File issue" always stays: duplicates are cut first.
 */
export function issueButtons(threadId: string, offer: IssueOffer | undefined): ActionRow<Button>[] {
  if (!offer || offer.confirm.length === 0) return [];
  const comments = offer.confirm.filter((o) => o.action === "comment");
  const create = offer.confirm.some((o) => o.action === "create");
  const buttons: Button[] = comments.slice(0, create ? PER_ROW - 1 : PER_ROW).map((o) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: `Add to #${o.issueNumber}`,
    custom_id: issueCommentId(threadId, o.issueNumber),
  }));
  if (create)
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: "File issue",
      custom_id: issueCreateId(threadId),
    });
  return [{ type: ComponentType.ActionRow, components: buttons }];
}
