/**
 * mrkdwn helpers. Slack needs only `&`, `<` and `>` escaped; escaping them also stops pasted text
 * from forming `<!channel>` pings or links.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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
