import { ACTION_IDS, PASTE_DETAILS_VIEW } from "../../render/slack/ids.js";

/** The slash command; the manifest declares it with the same name. */
export const SLASH_COMMAND = "/triage";

/** callback_id of the "Triage this thread" message shortcut. */
export const THREAD_SHORTCUT = "triage_thread";

/**
 * Everything the adapter registers with Bolt, in one place: the manifest drift test checks that
 * slack/manifest.json declares each of them (and nothing the code does not handle).
 */
export const REGISTRATIONS = {
  commands: [SLASH_COMMAND],
  messageShortcuts: [THREAD_SHORTCUT],
  botEvents: ["message.channels", "message.groups", "app_mention", "app_home_opened"],
  actions: Object.values(ACTION_IDS),
  views: [PASTE_DETAILS_VIEW],
} as const;
