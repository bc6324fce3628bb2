/**
 * Interaction ids the renderers put on buttons and views and the adapter listens for. One list,
 * so the manifest drift test and the adapter's registrations cannot disagree with what we render.
 */
export const ACTION_IDS = {
  pasteDetails: "triage_paste_details",
  handoff: "triage_handoff",
  solved: "triage_solved",
  issue: "triage_issue",
  claim: "triage_claim",
  backToBot: "triage_back_to_bot",
  /** On an /issue preview (staff or the reporter, with a GitHub token): file a new issue. */
  issueCreate: "triage_issue_create",
  /** On an /issue preview: add the evidence to the duplicate the button names. */
  issueComment: "triage_issue_comment",
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** callback_id of the "Paste details" modal. */
export const PASTE_DETAILS_VIEW = "triage_paste_details_view";

/** block_id / action_id pairs of the modal's inputs (the same string for both). */
export const PASTE_FIELDS = {
  version: "version",
  rawError: "raw_error",
  modelsStatus: "models_status",
} as const;
