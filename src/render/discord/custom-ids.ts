/**
 * Custom ids of the bot's buttons and modal. Thread buttons act on the channel they are clicked
 * in; the handoff card lives in the staff channel, so its buttons carry the thread's id.
 * Discord caps a custom id at 100 characters; a snowflake is at most 20.
 */
export const CUSTOM_IDS = {
  paste: "rt:paste",
  handoff: "rt:handoff",
  solved: "rt:solved",
  issue: "rt:issue",
  pasteModal: "rt:paste-modal",
} as const;

const CLAIM = "rt:claim:";
const BACK = "rt:back:";
const ISSUE_CREATE = "rt:issue-create:";
const ISSUE_COMMENT = "rt:issue-comment:";

export const claimId = (threadId: string): string => `${CLAIM}${threadId}`;
export const backToBotId = (threadId: string): string => `${BACK}${threadId}`;
/** "File issue" on an /issue preview (at most 16 + 20 characters). */
export const issueCreateId = (threadId: string): string => `${ISSUE_CREATE}${threadId}`;
/** "Add to #N" on an /issue preview (at most 17 + 20 + 1 + a issue number's digits). */
export const issueCommentId = (threadId: string, issueNumber: number): string =>
  `${ISSUE_COMMENT}${threadId}:${issueNumber}`;

export type ParsedCustomId =
  | { kind: "paste" | "handoff" | "solved" | "issue" | "paste-modal" }
  | { kind: "claim" | "back"; threadId: string }
  /** `argument` is `issue_confirm`'s: "create" or "comment:<n>", as on Slack. */
  | { kind: "issue-confirm"; threadId: string; argument: string }
  | null;

const SNOWFLAKE = /^\d{1,20}$/;

function issueConfirm(id: string): ParsedCustomId {
  if (id.startsWith(ISSUE_CREATE)) {
    const threadId = id.slice(ISSUE_CREATE.length);
    return SNOWFLAKE.test(threadId)
      ? { kind: "issue-confirm", threadId, argument: "create" }
      : null;
  }
  const m = /^(\d{1,20}):(\d{1,9})$/.exec(id.slice(ISSUE_COMMENT.length));
  if (!id.startsWith(ISSUE_COMMENT) || !m?.[1] || !m[2]) return null;
  return { kind: "issue-confirm", threadId: m[1], argument: `comment:${Number(m[2])}` };
}

export function parseCustomId(id: string): ParsedCustomId {
  switch (id) {
    case CUSTOM_IDS.paste:
      return { kind: "paste" };
    case CUSTOM_IDS.handoff:
      return { kind: "handoff" };
    case CUSTOM_IDS.solved:
      return { kind: "solved" };
    case CUSTOM_IDS.issue:
      return { kind: "issue" };
    case CUSTOM_IDS.pasteModal:
      return { kind: "paste-modal" };
  }
  if (id.startsWith(CLAIM)) return { kind: "claim", threadId: id.slice(CLAIM.length) };
  if (id.startsWith(BACK)) return { kind: "back", threadId: id.slice(BACK.length) };
  return issueConfirm(id);
}
