import type { RedactedText } from "../../src/core/redact/types.js";
import type { ThreadRecord } from "../../src/store/records.js";

/** A thread waiting on its reporter, as the engine would store it after one reply. */
export function threadRecord(
  key: string,
  version: number,
  at: string,
  overrides: Partial<ThreadRecord> = {},
): ThreadRecord {
  return {
    key,
    platform: "slack",
    title: "Gemini 429" as RedactedText,
    url: null,
    reporterId: "u1",
    reporterName: "ada",
    state: "awaiting_user",
    assignee: null,
    handoffReason: null,
    lowConfidenceRounds: 0,
    replyCount: 1,
    lastFingerprint: null,
    lastOutput: "reply",
    lastMitigations: [],
    lastUserAt: at,
    createdAt: at,
    updatedAt: at,
    version,
    ...overrides,
  };
}
