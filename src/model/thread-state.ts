/** Words every layer uses about a help thread: where it lives and how far along it is. */

export type Platform = "console" | "discord" | "slack";

/** new → awaiting_user → diagnosed → handed_off → solved | closed_stale; a user reply reopens. */
export type LifecycleState =
  | "new"
  | "awaiting_user"
  | "diagnosed"
  | "handed_off"
  | "solved"
  | "closed_stale";

/** Why a thread went to humans. */
export type HandoffReason = "requested" | "low_confidence" | "staff_reply" | "command" | "claimed";
