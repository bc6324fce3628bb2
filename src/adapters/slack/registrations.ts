/** The slash command; slack/manifest.json declares it with the same name. */
export const SLASH_COMMAND = "/triage";

/** callback_id of the "Triage this thread" message shortcut (declared in the manifest). */
export const THREAD_SHORTCUT = "triage_thread";
