/** The slash command; slack/manifest.json declares it with the same name. */
export const SLASH_COMMAND = "/triage";

/** Staff's list of incidents across threads (declared in the manifest too). */
export const INCIDENTS_COMMAND = "/incidents";

/** callback_id of the "Triage this thread" message shortcut (declared in the manifest). */
export const THREAD_SHORTCUT = "triage_thread";
