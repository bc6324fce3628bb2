/** Box-drawing and block characters terminal UIs draw panels with. */
const BOX_CHARS = /[\u2500-\u257f\u2580-\u259f]/u;
/** A line made only of border characters (╭────╮, ├──┤, ╰────╯) and spaces. */
const BORDER_LINE = /^[\s\u2500-\u257f\u2580-\u259f]+$/u;
/** A panel line: a vertical border, the content, an optional closing border. */
const PANEL_LINE = /^\s*[│┃║|]\s?(.*?)\s*[│┃║]?\s*$/u;

/**
 * Terminal panels hard-wrap their text between borders ("│ quota used up for calls per │" then
 * "│ minute │"): the borders go and the panel's lines are joined into one, so signatures and
 * claims read the sentence as it was written. Text without box characters is returned as is.
 */
export function unboxPanels(text: string): string {
  if (!BOX_CHARS.test(text)) return text;
  const out: string[] = [];
  let panel: string[] | null = null;
  const flush = () => {
    if (panel && panel.length > 0) out.push(panel.join(" ").replace(/\s{2,}/gu, " "));
    panel = null;
  };
  for (const line of text.split("\n")) {
    if (BORDER_LINE.test(line) && BOX_CHARS.test(line)) {
      flush();
      continue;
    }
    const inPanel = /^\s*[│┃║]/u.exec(line) ? PANEL_LINE.exec(line) : null;
    if (inPanel) {
      const content = (inPanel[1] ?? "").trim();
      if (content === "") flush();
      else {
        panel ??= [];
        panel.push(content);
      }
      continue;
    }
    flush();
    out.push(line);
  }
  flush();
  return out.join("\n");
}
