import type { IssueOffer } from "../../model/actions.js";
import { type Block, button } from "./block-kit.js";
import { ACTION_IDS } from "./ids.js";

/** A confirm button's value: the thread and the `issue_confirm` argument ("create", "comment:12"). */
export function issueButtonValue(threadKey: string, argument: string): string {
  return `${threadKey}|${argument}`;
}

export function parseIssueButtonValue(
  value: string | undefined,
): { threadKey: string; argument: string } | null {
  const at = value?.lastIndexOf("|") ?? -1;
  if (!value || at <= 0) return null;
  return { threadKey: value.slice(0, at), argument: value.slice(at + 1) };
}

/** "Add to #N" for each duplicate, then "File issue"; null when the preview offers no filing. */
export function issueActions(threadKey: string, offer: IssueOffer | undefined): Block | null {
  if (!offer || offer.confirm.length === 0) return null;
  return {
    type: "actions",
    block_id: "triage_issue_actions",
    elements: offer.confirm
      .slice(0, 5)
      .map((o) =>
        o.action === "create"
          ? button(
              ACTION_IDS.issueCreate,
              "File issue",
              issueButtonValue(threadKey, o.argument),
              "primary",
            )
          : button(
              ACTION_IDS.issueComment,
              `Add to #${o.issueNumber}`,
              issueButtonValue(threadKey, o.argument),
            ),
      ),
  };
}
