import { numberAfter, parseContainerAt, stringEnd } from "./line-fields.js";
import type { MaxTokensSource } from "./types.js";

export const OVERSIZED = "[Oversized diagnostic JSON redacted]";
export const MALFORMED = "[Malformed diagnostic JSON redacted]";

/** What a `stream:context` line says about the request OpenClaw is about to send. */
export interface StreamOptions {
  maxTokens: { value: number; where: MaxTokensSource } | null;
  modelOutputLimit: number | null;
  contextWindow: number | null;
  maxRetryDelayMs: number | null;
}

export interface StreamSizes {
  /** Characters of the `messages` array as serialised (escapes included): an estimate. */
  messagesChars: number | null;
  /** Characters of the system prompt, null when absent or redacted. */
  systemChars: number | null;
  systemRedacted: boolean;
  messageCount: number | null;
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The stream options. OpenClaw 2026.9.6 has no top-level `options.maxTokens`: the per-model cap is
 * `options.model.params.maxTokens`, and `options.model.maxTokens` is the catalog's output limit
 * (65536 for gemini-2.5-flash), which is not what the request asks for. Older traces and other
 * runtimes may carry `options.maxTokens`, which wins.
 */
/** `at`: index of the `{` that opens the options object. */
export function readStreamOptions(line: string, at: number): StreamOptions | null {
  if (at < 0) return null;
  const options = record(parseContainerAt(line, at));
  if (!options) return null;
  const model = record(options.model);
  const params = record(model?.params);
  const top = num(options.maxTokens);
  const perModel = num(params?.maxTokens);
  return {
    maxTokens:
      top !== null
        ? { value: top, where: "options.maxTokens" }
        : perModel !== null
          ? { value: perModel, where: "options.model.params.maxTokens" }
          : null,
    modelOutputLimit: num(model?.maxTokens),
    contextWindow: num(model?.contextWindow),
    maxRetryDelayMs: num(options.maxRetryDelayMs),
  };
}

/** Where the `options` object starts (its key), searched after the line's head; -1 when absent. */
export function optionsKeyAt(line: string, from: number): number {
  return line.indexOf('"options":{', from);
}

/**
 * Sizes by key position only: the transcript can be megabytes and is never parsed here. Key order
 * is `…stage, system, systemDigest, options, model, messageCount, …, messages, note`.
 */
export function readStreamSizes(line: string, from: number, optionsAt: number): StreamSizes {
  const sizes: StreamSizes = {
    messagesChars: null,
    systemChars: null,
    systemRedacted: false,
    messageCount: null,
  };
  const countKey = line.indexOf('"messageCount":', optionsAt < 0 ? from : optionsAt);
  if (countKey >= 0)
    sizes.messageCount = numberAfter(line, '"messageCount":', countKey, countKey + 1);
  const system = line.indexOf('"system":', from);
  if (system >= 0 && (optionsAt < 0 || system < optionsAt)) {
    const value = system + 9;
    if (line.startsWith(`"${OVERSIZED}"`, value) || line.startsWith(`"${MALFORMED}"`, value)) {
      sizes.systemRedacted = true;
    } else if (line.charCodeAt(value) === 34) {
      const end = stringEnd(line, value);
      if (end > 0) sizes.systemChars = end - value - 2;
    }
  }
  // messageRoles, fingerprints and digest sit between the count and the transcript.
  const messages = line.indexOf(
    '"messages":[',
    countKey >= 0 ? countKey : optionsAt < 0 ? from : optionsAt,
  );
  if (messages >= 0) {
    // The transcript runs to the end of the line but for a short note tail, searched near the end.
    const note = line.indexOf(',"note":', Math.max(messages, line.length - 512));
    const end = note > messages ? note : line.length - 1;
    sizes.messagesChars = Math.max(0, end - (messages + 11));
  }
  return sizes;
}
