import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { CommandName } from "../../conversation/port.js";
import { ACTION_IDS } from "../../render/slack/ids.js";
import { parseIssueButtonValue } from "../../render/slack/issue-actions.js";
import { renderPasteModal } from "../../render/slack/paste-modal.js";
import { oneOf } from "./one-listener.js";
import { runCommand } from "./pipeline.js";
import type { SlackRuntime } from "./runtime.js";
import { parseSlackThreadKey } from "./thread-key.js";

/** Buttons that are thread commands for the engine; "Paste details" opens the form instead. */
const COMMAND_BUTTONS: ReadonlyArray<[string, CommandName]> = [
  [ACTION_IDS.handoff, "handoff"],
  [ACTION_IDS.solved, "solved"],
  [ACTION_IDS.issue, "issue"],
  [ACTION_IDS.claim, "claim"],
  [ACTION_IDS.backToBot, "back_to_bot"],
];

/** The thread a button acts on: its value, when it is a Slack thread key. */
function threadOf(action: ButtonAction): string | null {
  return action.value && parseSlackThreadKey(action.value) ? action.value : null;
}

type Button = BlockAction<ButtonAction>;
type Press = (action: ButtonAction, body: Button) => Promise<void>;

/** Every button through one Bolt listener (one-listener.ts) that picks its handler by action_id. */
export function registerButtons(app: App, rt: SlackRuntime): void {
  const presses = new Map<string, Press>();
  presses.set(ACTION_IDS.pasteDetails, async (action, body) => {
    const threadKey = threadOf(action);
    if (!threadKey) return;
    await rt.client.views.open({
      trigger_id: body.trigger_id,
      view: renderPasteModal(JSON.stringify({ threadKey })),
    });
  });

  // "File issue" / "Add to #N" on an /issue preview: the value carries the thread and the choice.
  for (const actionId of [ACTION_IDS.issueCreate, ACTION_IDS.issueComment]) {
    presses.set(actionId, async (action, body) => {
      const parsed = parseIssueButtonValue(action.value);
      if (!parsed || !parseSlackThreadKey(parsed.threadKey)) return;
      const author = await rt.authors.author(body.user.id);
      await runCommand(rt, {
        platform: "slack",
        threadKey: parsed.threadKey,
        eventId: `slack:action:${action.action_ts}:${body.user.id}:${actionId}`,
        name: "issue_confirm",
        author,
        at: rt.now(),
        argument: parsed.argument,
      });
    });
  }

  for (const [actionId, name] of COMMAND_BUTTONS) {
    presses.set(actionId, async (action, body) => {
      const threadKey = threadOf(action);
      if (!threadKey) return;
      const author = await rt.authors.author(body.user.id);
      await runCommand(rt, {
        platform: "slack",
        threadKey,
        eventId: `slack:action:${action.action_ts}:${body.user.id}:${actionId}`,
        name,
        author,
        at: rt.now(),
      });
    });
  }

  app.action<Button>(oneOf([...presses.keys()]), async ({ ack, action, body }) => {
    await ack();
    await presses.get(action.action_id)?.(action, body);
  });
}
