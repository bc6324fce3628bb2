import {
  isCutErrorText,
  isLongWindowText,
  isOverloadText,
  waitAskedMs,
} from "../../trace/error-text.js";
import type { ExtractContext, Extractor } from "../extractor.js";
import { matchProviderError } from "../provider-errors.js";
import type { Evidence } from "../types.js";
import { type LogRecord, readLogRecords } from "./log-records.js";
import { modelRefOf } from "./provider-ref.js";
import { type OpenclawSignalId, signal, sourceAt } from "./signals.js";

const MAX_PROVIDER_ERRORS = 3;

const str = (v: unknown): string | null =>
  typeof v === "string" && v !== "" && v !== "-" ? v : null;
const num = (v: unknown): number | null => {
  const n =
    typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

const RETRY = /transient same-model retry (\d+)\/(\d+) for (\S+) reason=(\w+): delayMs=(\d+)/u;
const FETCH = /\[model-fetch\] response provider=(\S+) api=(\S+) model=(\S+) status=(\d{3})/u;
const PROFILE_FAILURE = /auth profile failure state updated:(.*?)reason=(\w+)(.*?)window=cooldown/u;

interface Retries {
  ref: string;
  reason: string;
  count: number;
  of: number;
  delays: number[];
  line: number;
}

/** What the log entries add up to, gathered in one pass. */
class LogFacts {
  readonly out: Evidence[] = [];
  readonly rawErrors = new Map<string, number>();
  readonly refs = new Set<string>();
  retries: Retries | null = null;
  readonly statuses = new Map<string, { count: number; line: number }>();
  googleNative = false;

  constructor(private readonly ctx: ExtractContext) {}

  raw(text: string | null, line: number): void {
    if (text && !this.rawErrors.has(text)) this.rawErrors.set(text, line);
  }

  ref(provider: string | null, model: string | null, line: number): void {
    const evidence = modelRefOf(provider, model, this.ctx, line);
    if (evidence && !this.refs.has(evidence.ref)) {
      this.refs.add(evidence.ref);
      this.out.push(evidence);
    }
  }

  /** Replaces a signal of the same id: a better-informed detail wins. */
  replaceSignal(id: OpenclawSignalId, detail: string, line?: number): void {
    const at = this.out.findIndex((e) => e.kind === "signal" && e.id === id);
    if (at >= 0) this.out.splice(at, 1);
    this.out.push(signal(this.ctx, id, detail, line));
  }

  /** One signal per id: the first sighting is the one reported. */
  signal(id: OpenclawSignalId, detail: string, line?: number): void {
    if (!this.out.some((e) => e.kind === "signal" && e.id === id))
      this.out.push(signal(this.ctx, id, detail, line));
  }
}

function failoverDecision(f: LogFacts, r: LogRecord): void {
  const x = r.fields;
  const reason = str(x.failoverReason) ?? str(x.reason);
  const raw = str(x.rawErrorPreview) ?? str(x.rawError);
  const from = str(x.from);
  const provider = str(x.provider);
  const model = str(x.model);
  if (from) f.ref(null, from, r.line);
  else f.ref(provider, model, r.line);
  f.raw(raw, r.line);
  const retries = num(x.retryCount) ?? num(x.retry);
  const target = from ?? (model ? `${provider ?? "?"}/${model}` : "the model");
  if (reason === "rate_limit" && retries === 0 && raw && isLongWindowText(raw))
    f.signal(
      "long_window_no_retry",
      `${target}: failed with no same-model retry (long-window quota text)`,
      r.line,
    );
  if (retries !== null && retries > 0)
    f.signal(
      "same_model_retries",
      `${target}: ${retries} same-model retries before the decision "${str(x.decision) ?? "?"}"`,
      r.line,
    );
  if (x.fallbackConfigured === false)
    f.signal("no_fallback_configured", `${target}: fallbackConfigured=false`, r.line);
  const decision = str(x.decision);
  if (decision === "rotate_profile")
    f.signal("profile_rotated", `${target}: OpenClaw rotated to another auth profile`, r.line);
  if (decision === "fallback_model")
    f.signal("model_fallback_tried", `${target}: OpenClaw moved to a fallback model`, r.line);
  if (reason === "rate_limit" && raw && isOverloadText(raw))
    f.signal(
      "overloaded_counted_as_rate_limit",
      `${target}: an overload was labelled rate_limit`,
      r.line,
    );
}

function fallbackDecision(f: LogFacts, r: LogRecord): void {
  const x = r.fields;
  const candidate =
    str(x.candidate) ??
    (str(x.candidateModel) ? `${str(x.candidateProvider) ?? "?"}/${str(x.candidateModel)}` : null);
  if (candidate) f.ref(null, candidate, r.line);
  f.raw(str(x.errorPreview) ?? str(x.detail), r.line);
  const attempt = num(x.attempt);
  const total = num(x.total);
  const last = (attempt !== null && total !== null && attempt >= total) || str(x.next) === "none";
  if (str(x.decision) === "candidate_failed" && last && total !== null && total >= 2)
    f.signal(
      "fallback_chain_exhausted",
      `all ${total} candidates failed (last: ${candidate ?? "?"}, ${str(x.reason) ?? "?"})`,
      r.line,
    );
  if (str(x.reason) === "rate_limit" && (num(x.status) === 503 || num(x.status) === 529))
    f.signal(
      "overloaded_counted_as_rate_limit",
      `${candidate ?? "a candidate"}: HTTP ${num(x.status)} labelled rate_limit`,
      r.line,
    );
}

function textLine(f: LogFacts, r: LogRecord, ctx: ExtractContext): void {
  const retry = RETRY.exec(r.text);
  if (retry) {
    const [, n, of, ref, reason, delay] = retry;
    const current = f.retries;
    if (!current || current.ref !== ref)
      f.retries = {
        ref: ref ?? "?",
        reason: reason ?? "?",
        count: Number(n),
        of: Number(of),
        delays: [Number(delay)],
        line: r.line,
      };
    else {
      current.count = Math.max(current.count, Number(n));
      current.delays.push(Number(delay));
    }
    return;
  }
  const fetch = FETCH.exec(r.text);
  if (fetch) {
    const [, provider, api, model, status] = fetch;
    f.ref(provider ?? null, model ?? null, r.line);
    const key = `${provider}/${model} ${status}`;
    const seen = f.statuses.get(key);
    f.statuses.set(key, { count: (seen?.count ?? 0) + 1, line: seen?.line ?? r.line });
    if (api === "google-generative-ai") f.googleNative = true;
    return;
  }
  const failure = PROFILE_FAILURE.exec(r.text);
  if (failure) {
    const profile = /profile(?:Id)?=(\S+)/u.exec(r.text)?.[1] ?? null;
    const provider = /provider=(\S+)/u.exec(r.text)?.[1] ?? profile?.split(":")[0] ?? null;
    const known = provider ? ctx.kb.providers.find((p) => p.id === provider) : undefined;
    f.out.push({
      kind: "cooldown",
      source: sourceAt(ctx, r.line),
      provider: known?.id ?? null,
      profileId: profile,
      reason: failure[2] ?? null,
      remainingMs: null,
    });
  }
}

function summarise(f: LogFacts, ctx: ExtractContext): void {
  const retries = f.retries;
  if (retries) {
    const total = retries.delays.reduce((a, b) => a + b, 0);
    f.replaceSignal(
      "same_model_retries",
      `OpenClaw retried ${retries.ref} ${retries.count} times (of ${retries.of} allowed; reason ${retries.reason}; delays ${Math.min(...retries.delays)}–${Math.max(...retries.delays)} ms, ${(total / 1000).toFixed(1)} s in all)`,
      retries.line,
    );
    if (retries.ref.startsWith("google/") && f.googleNative)
      f.signal(
        "google_native_retries",
        `same-model retries of ${retries.ref} on google-generative-ai`,
        retries.line,
      );
  }
  for (const [key, { count, line }] of f.statuses) {
    if (count >= 2 && !retries && key.endsWith(" 429"))
      f.signal(
        "same_model_retries",
        `${count} responses with status 429 from ${key.slice(0, -4)}`,
        line,
      );
  }
  // The same error shows up several times (agent end, failover decision, fallback detail): once each.
  const kept = new Set<string>();
  for (const [text, line] of f.rawErrors) {
    if (kept.size >= MAX_PROVIDER_ERRORS) break;
    const raw = matchProviderError(text, { ...ctx, source: sourceAt(ctx, line) });
    const key = raw ? `${raw.provider}|${raw.status}|${raw.message.slice(0, 120)}` : "";
    if (raw && !kept.has(key)) {
      kept.add(key);
      f.out.push(raw);
    }
    if (isCutErrorText(text))
      f.signal("error_text_truncated", "the raw error in the log is cut (…)", line);
    const wait = waitAskedMs(text);
    if (wait !== null && retries && Math.min(...retries.delays) < 0.8 * wait)
      f.signal(
        "retry_after_ignored",
        `the provider asked for ${wait} ms; OpenClaw retried after ${Math.min(...retries.delays)} ms`,
        line,
      );
  }
}

/**
 * OpenClaw's logs: the file log and `openclaw logs --json` (structured failover events with the
 * raw error preview) and the console/stderr lines of the same events. They carry what the chat
 * reply hides: the raw provider error, the retries, the failover decision.
 */
export const openclawLogsExtractor: Extractor = (text, ctx) => {
  if (
    !/embedded|model-fetch|model fallback|model_fallback|same-model retry|auth profile failure/u.test(
      text,
    )
  )
    return [];
  const f = new LogFacts(ctx);
  for (const r of readLogRecords(text)) {
    if (r.event === "embedded_run_failover_decision") failoverDecision(f, r);
    else if (r.event === "model_fallback_decision") fallbackDecision(f, r);
    else if (r.event === "embedded_run_agent_end") {
      f.raw(str(r.fields.rawErrorPreview) ?? str(r.fields.rawError), r.line);
      f.ref(str(r.fields.provider), str(r.fields.model), r.line);
    } else textLine(f, r, ctx);
  }
  summarise(f, ctx);
  return f.out;
};
