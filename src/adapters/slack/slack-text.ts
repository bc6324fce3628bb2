/**
 * Slack message text as the user typed it, for the engine: Slack escapes `&`, `<`, `>` and wraps
 * links and mentions in angle brackets (`<https://x|label>`, `<@U123>`), which would otherwise
 * hide URLs and numbers from the parsers.
 */
export function slackToPlainText(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>\s]+?)(?:\|([^<>]*))?>/g, (_all, target: string, label?: string) => {
      if (botUserId && target === `@${botUserId}`) return "";
      if (target.startsWith("@") || target.startsWith("#"))
        return label ? `${target[0]}${label}` : target;
      if (target.startsWith("!")) return label ?? `@${target.slice(1).split("^")[0]}`;
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .trim();
}

/** Whether the text mentions the bot (`<@BOTID>`). */
export function mentions(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && text.includes(`<@${botUserId}>`);
}

/** A thread title from its first message: the first line with words, cut to fit a card header. */
export function titleOf(text: string): string {
  const line = text.split("\n").find((l) => l.trim() && !l.trim().startsWith("```")) ?? "";
  const clean = line.replace(/\s+/g, " ").trim();
  return clean.length > 100 ? `${clean.slice(0, 99)}…` : clean || "Rate-limit question";
}
