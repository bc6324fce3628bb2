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

export const claimId = (threadId: string): string => `${CLAIM}${threadId}`;
export const backToBotId = (threadId: string): string => `${BACK}${threadId}`;

export type ParsedCustomId =
  | { kind: "paste" | "handoff" | "solved" | "issue" | "paste-modal" }
  | { kind: "claim" | "back"; threadId: string }
  | null;

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
  return null;
}
