/**
 * mrkdwn helpers. Slack needs only `&`, `<` and `>` escaped; escaping them also stops pasted text
 * from forming `<!channel>` pings or links.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/*
 * Markdown read back into mrkdwn with regexes: only the /incidents answer still comes this way,
 * because the conversation port hands it over as Markdown text. Replies, notices, private
 * answers, staff alerts and cards are rendered from their structure (doc-blocks, doc-rich-text).
 */
function convertProse(text: string, lineStart: boolean): string {
  let out = text
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, "<$2|$1>")
    .replace(/\*\*([^*\n]+?)\*\*/g, "*$1*")
    .replace(/~~([^~\n]+?)~~/g, "~$1~");
  if (lineStart) out = out.replace(/^(\s*)[-*] /, "$1• ").replace(/^#{1,6}\s+(.+)$/, "*$1*");
  return out;
}

/** One line of Markdown as mrkdwn; inline code spans are left as they are. */
export function markdownLine(line: string): string {
  const parts = escapeMrkdwn(line).split(/(`[^`\n]*`)/);
  return parts.map((part, i) => (i % 2 === 1 ? part : convertProse(part, i === 0))).join("");
}

/** A Markdown paragraph or list as mrkdwn, line by line. */
export function markdownText(text: string): string {
  return text.split("\n").map(markdownLine).join("\n");
}

/** Slack renders a user id in `<@U…>` as a mention; anything else is shown as given. */
export function userRef(id: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}

/** A link, or the escaped label alone when there is no URL. */
export function link(url: string | undefined, label: string): string {
  const text = escapeMrkdwn(label).replace(/\|/g, "¦");
  return url && /^https?:\/\//.test(url) ? `<${escapeMrkdwn(url)}|${text}>` : text;
}
