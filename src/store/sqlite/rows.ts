/** Row ↔ record mapping for the SQLite store; the column names live here and in the SQL only. */

import type { RedactedText } from "../../core/redact/types.js";
import type { AuthorRole } from "../../core/thread.js";
import type { HandoffReason, LifecycleState, Platform } from "../../model/thread-state.js";
import type {
  AskedRecord,
  HandoffRecord,
  LastOutput,
  MessageRecord,
  OpenThreadRecord,
  ResolutionRecord,
  ThreadRecord,
  TimerKind,
  TimerRecord,
} from "../records.js";

type Row = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function threadFromRow(r: Row): ThreadRecord {
  return {
    key: str(r.key),
    platform: str(r.platform) as Platform,
    title: strOrNull(r.title) as RedactedText | null,
    url: strOrNull(r.url),
    channel: strOrNull(r.channel),
    reporterId: str(r.reporter_id),
    reporterName: str(r.reporter_name),
    state: str(r.state) as LifecycleState,
    assignee: strOrNull(r.assignee),
    handoffReason: strOrNull(r.handoff_reason) as HandoffReason | null,
    lowConfidenceRounds: Number(r.low_confidence_rounds),
    replyCount: Number(r.reply_count),
    lastFingerprint: strOrNull(r.last_fingerprint),
    lastOutput: strOrNull(r.last_output) as LastOutput,
    lastMitigations: JSON.parse(str(r.last_mitigations ?? "[]")),
    lastUserAt: strOrNull(r.last_user_at),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
    version: Number(r.version),
  };
}

export function threadToParams(t: ThreadRecord): Row {
  return {
    key: t.key,
    platform: t.platform,
    title: t.title,
    url: t.url,
    channel: t.channel ?? null,
    reporter_id: t.reporterId,
    reporter_name: t.reporterName,
    state: t.state,
    assignee: t.assignee,
    handoff_reason: t.handoffReason,
    low_confidence_rounds: t.lowConfidenceRounds,
    reply_count: t.replyCount,
    last_fingerprint: t.lastFingerprint,
    last_output: t.lastOutput,
    last_mitigations: JSON.stringify(t.lastMitigations),
    last_user_at: t.lastUserAt,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    version: t.version,
  };
}

export function messageFromRow(r: Row): MessageRecord {
  return {
    threadKey: str(r.thread_key),
    messageId: str(r.message_id),
    seq: Number(r.seq),
    authorId: str(r.author_id),
    authorName: str(r.author_name),
    role: str(r.role) as AuthorRole,
    text: str(r.text) as RedactedText,
    attachments: JSON.parse(str(r.attachments)),
    redactions: JSON.parse(str(r.redactions)),
    at: str(r.at),
    editedAt: strOrNull(r.edited_at),
  };
}

export function messageToParams(m: MessageRecord): Row {
  return {
    thread_key: m.threadKey,
    message_id: m.messageId,
    seq: m.seq,
    author_id: m.authorId,
    author_name: m.authorName,
    role: m.role,
    text: m.text,
    attachments: JSON.stringify(m.attachments),
    redactions: JSON.stringify(m.redactions),
    at: m.at,
    edited_at: m.editedAt,
  };
}

export function askedFromRow(r: Row): AskedRecord {
  return {
    questionId: str(r.question_id),
    label: str(r.label),
    firstAskedAt: str(r.first_asked_at),
    lastAskedAt: str(r.last_asked_at),
    timesAsked: Number(r.times_asked),
    answeredAt: strOrNull(r.answered_at),
  };
}

export function timerFromRow(r: Row): TimerRecord {
  return {
    id: str(r.id),
    threadKey: str(r.thread_key),
    kind: str(r.kind) as TimerKind,
    dueAt: str(r.due_at),
    createdAt: str(r.created_at),
  };
}

export function handoffFromRow(r: Row): HandoffRecord {
  return {
    id: str(r.id),
    threadKey: str(r.thread_key),
    at: str(r.at),
    reason: str(r.reason) as HandoffReason,
    requestedBy: strOrNull(r.requested_by),
    assignee: strOrNull(r.assignee),
    card: JSON.parse(str(r.card)),
    releasedAt: strOrNull(r.released_at),
  };
}

export function resolutionFromRow(r: Row): ResolutionRecord {
  return {
    id: str(r.id),
    threadKey: str(r.thread_key),
    at: str(r.at),
    by: str(r.by),
    mitigationId: strOrNull(r.mitigation_id),
    mitigationTitle: strOrNull(r.mitigation_title),
    note: strOrNull(r.note) as RedactedText | null,
    errorClass: str(r.error_class),
    provider: str(r.provider),
    model: strOrNull(r.model),
  };
}

export function openThreadFromRow(r: Row): OpenThreadRecord {
  return {
    key: str(r.key),
    title: strOrNull(r.title) as RedactedText | null,
    url: strOrNull(r.url),
    state: str(r.state) as LifecycleState,
    assignee: strOrNull(r.assignee),
    lastActivityAt: str(r.last_activity),
  };
}
