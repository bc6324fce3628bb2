import type { Attachment } from "discord.js";
import type { IncomingAttachment } from "../../conversation/port.js";
import { type DownloadedText, type DownloadTextOptions, downloadText } from "../../net/http.js";
import { READABLE_FILE } from "./relevance.js";

export type Download = (url: string, options: DownloadTextOptions) => Promise<DownloadedText>;

/**
 * Reads a message's attachments as text for the engine: traces and logs are streamed with a
 * size cap (gzip unpacked on the way); other files (screenshots) are named with a note so the
 * reply can ask for the text. The engine redacts what it reads, so the raw text is only held
 * here for the duration of one event and never logged.
 */
export async function readAttachments(
  attachments: Iterable<Attachment>,
  maxBytes: number,
  download: Download = downloadText,
): Promise<IncomingAttachment[]> {
  const out: IncomingAttachment[] = [];
  for (const attachment of attachments) {
    const name = attachment.name;
    if (!READABLE_FILE.test(name)) {
      out.push({
        name,
        content: "",
        note: `\`${name}\` was not read: I read .jsonl, .log, .txt, .json and .gz files. For a screenshot, paste the error text instead.`,
      });
      continue;
    }
    const read = await download(attachment.url, { maxBytes, name });
    out.push({ name, content: read.text, ...(read.note ? { note: read.note } : {}) });
  }
  return out;
}
