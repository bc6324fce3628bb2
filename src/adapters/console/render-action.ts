import type { Action } from "../../conversation/port.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { renderHandoffCard } from "../../render/markdown/handoff-card.js";

export const BOT_NAME = "ratelimit-triage";

/** "console:3" → "#3": how the console names its threads. */
export function threadLabel(threadKey: string): string {
  return `#${threadKey.split(":").at(-1) ?? threadKey}`;
}

function rule(title: string): string {
  return `── ${title} ──`;
}

export function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function renderUserMessage(
  name: string,
  role: string,
  threadKey: string,
  text: string,
  edit: boolean,
): string {
  const what = edit ? " (edited)" : "";
  return `${rule(`${name} (${role})${what} · ${threadLabel(threadKey)}`)}\n${text.trimEnd()}\n\n`;
}

/** An action as Discord would show it: the bot's Markdown under a header saying what it is. */
export function renderAction(
  action: Action,
  kb: Knowledge,
  nameOf: (userId: string) => string,
): string {
  const body = (text: string) => `${text.trimEnd()}\n\n`;
  switch (action.type) {
    case "reply":
      return `${rule(action.replaces ? `${BOT_NAME} (edited its reply)` : BOT_NAME)}\n${body(action.text)}`;
    case "notice": {
      // Incident and fix notes reach threads other than the one typed in: say which.
      const where =
        action.reason === "incident" || action.reason === "fixed"
          ? ` · ${threadLabel(action.threadKey)}`
          : "";
      return `${rule(`${BOT_NAME} · ${action.reason}${where}`)}\n${body(action.text)}`;
    }
    case "ephemeral":
      return `${rule(`only ${nameOf(action.userId)} can see this`)}\n${body(action.text)}`;
    case "state":
      return `${rule(`${threadLabel(action.threadKey)}: ${action.from} → ${action.to}`)}\n\n`;
    case "handoff_card": {
      const title = `staff channel · handoff card for ${threadLabel(action.card.threadKey)}${action.replaces ? " (updated)" : ""}`;
      return `${rule(title)}\n${body(renderHandoffCard(action.card, kb))}`;
    }
    case "staff_alert":
      return `${rule("staff channel · incident")}\n${body(action.text)}`;
  }
}
