import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { IncomingAttachment } from "../../conversation/port.js";
import { type DownloadedText, type DownloadTextOptions, downloadText } from "../../net/http.js";

/** The fields of a Slack file object we use (events carry a subset; files.info the rest). */
export interface SlackFile {
  id: string;
  name?: string | null;
  title?: string | null;
  mode?: string;
  mimetype?: string;
  file_access?: string;
  url_private?: string;
  url_private_download?: string;
}

export interface FilesOptions {
  botToken: string;
  apiUrl: string;
  maxFileBytes: number;
  /** Files read per message; Slack allows 10, a thread rarely needs more than a few. */
  maxFiles?: number;
  download?: (url: string, options: DownloadTextOptions) => Promise<DownloadedText>;
}

const READABLE = /\.(?:jsonl|log|txt|json|gz)$/i;

/**
 * The bot token goes only to Slack's own file hosts (files.slack.com beside slack.com/api, or
 * the configured API host and its subdomains), never to a URL some payload made up.
 */
export function isSlackFileUrl(url: string, apiUrl: string): boolean {
  let target: URL;
  let api: URL;
  try {
    target = new URL(url);
    api = new URL(apiUrl);
  } catch {
    return false;
  }
  if (target.origin === api.origin) return true;
  if (target.protocol !== "https:") return false;
  const host = target.hostname;
  return [api.hostname, "slack.com"].some((h) => host === h || host.endsWith(`.${h}`));
}

function nameOf(file: SlackFile): string {
  return file.name || file.title || file.id;
}

/**
 * Reads the text files shared in a message: downloaded with the bot token (undici, streamed,
 * gunzipped, capped at SLACK_MAX_FILE_BYTES); anything not read gets a note the reply repeats.
 * The content goes to the engine, which redacts it before it is stored or quoted.
 */
export class SlackFiles {
  private readonly download: NonNullable<FilesOptions["download"]>;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly options: FilesOptions,
    private readonly logger: Logger,
  ) {
    this.download = options.download ?? downloadText;
  }

  async read(files: readonly SlackFile[]): Promise<IncomingAttachment[]> {
    const max = this.options.maxFiles ?? 5;
    const out: IncomingAttachment[] = [];
    for (const [i, file] of files.entries()) {
      if (i >= max) {
        out.push({
          name: nameOf(file),
          content: "",
          note: `Only the first ${max} files of a message are read.`,
        });
        continue;
      }
      out.push(await this.readOne(file));
    }
    return out;
  }

  private async readOne(shared: SlackFile): Promise<IncomingAttachment> {
    const file = await this.complete(shared);
    const name = nameOf(file);
    if (file.mimetype?.startsWith("image/"))
      return {
        name,
        content: "",
        note: `\`${name}\` is an image; I can't read text in images, so please paste the error as text.`,
      };
    if (!READABLE.test(name) && file.mode !== "snippet")
      return {
        name,
        content: "",
        note: `\`${name}\` was not read: I read .jsonl, .log, .txt, .json and .gz files.`,
      };
    const url = file.url_private_download ?? file.url_private;
    if (!url || !isSlackFileUrl(url, this.options.apiUrl)) {
      this.logger.warn({ file: file.id }, "file URL missing or not a Slack host; not downloaded");
      return { name, content: "", note: `\`${name}\` could not be downloaded.` };
    }
    const result = await this.download(url, {
      maxBytes: this.options.maxFileBytes,
      headers: { authorization: `Bearer ${this.options.botToken}` },
      name,
    });
    this.logger.info(
      {
        file: file.id,
        bytesRead: result.bytesRead,
        truncated: result.truncated,
        gzip: result.gzip,
      },
      "read a shared file",
    );
    return { name, content: result.text, ...(result.note ? { note: result.note } : {}) };
  }

  /** Slack Connect shares arrive as stubs ("check_file_info"); files.info has the URLs. */
  private async complete(file: SlackFile): Promise<SlackFile> {
    if (file.file_access !== "check_file_info" && (file.url_private_download || file.url_private))
      return file;
    try {
      const info = await this.client.files.info({ file: file.id });
      return (info.file as SlackFile | undefined) ?? file;
    } catch (error) {
      this.logger.warn({ err: error, file: file.id }, "files.info failed");
      return file;
    }
  }
}
