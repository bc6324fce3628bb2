import type { TraceSummary } from "./types.js";

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function oneLine(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function requestLine(s: TraceSummary): string {
  const parts: string[] = [];
  if (s.maxTokens) parts.push(`maxTokens ${s.maxTokens.value} (${s.maxTokens.where})`);
  else
    parts.push(
      `no maxTokens set${s.modelOutputLimit !== null ? ` (model's catalog output limit ${s.modelOutputLimit}, options.model.maxTokens)` : ""}`,
    );
  if (s.contextWindow !== null) parts.push(`context window ${s.contextWindow}`);
  if (s.toolCount !== null) parts.push(`${plural(s.toolCount, "tool")}`);
  const { messagesChars, systemChars, inputTokens } = s.request;
  if (messagesChars !== null)
    parts.push(`largest transcript ${messagesChars} chars (~${Math.round(messagesChars / 4)} tok)`);
  if (systemChars !== null) parts.push(`system prompt ${systemChars} chars`);
  else if (s.redacted.oversized > 0) parts.push("system prompt redacted by OpenClaw (oversized)");
  if (inputTokens !== null) parts.push(`input tokens reported ${inputTokens}`);
  return `Request: ${parts.join(" · ")}`;
}

/** The plain-text summary `trace` prints: what a helper reads first, in a dozen lines. */
export function describeTraceSummary(s: TraceSummary): string {
  const out: string[] = [];
  const bad = s.malformedDetail;
  out.push(
    `OpenClaw cache trace: ${plural(s.lines, "line")}, ${plural(s.events, "event")}, ${s.malformed} malformed` +
      (s.malformed > 0
        ? ` (${bad.cut} cut mid-way, ${bad.invalid} not JSON, ${bad.overlong} over the line cap)`
        : "") +
      (s.foreign > 0 ? `, ${s.foreign} other JSON lines` : ""),
  );
  out.push(
    `Runs: ${s.runs}${s.runsExact ? "" : "+"} (${s.runsFailed} failed, ${s.runsOk} ok) · attempts ${s.attempts} · ` +
      `retries ${s.retries} (${s.sameModelRetries} same-model, ${s.fallbacks} fallback) · ` +
      `errors ${s.errors} · successes ${s.successes} · most attempts in one run ${s.maxAttemptsPerRun}`,
  );
  if (s.firstTs !== null && s.lastTs !== null) {
    const wait = s.retryWait;
    out.push(
      `Time: ${s.firstTs} → ${s.lastTs}${s.spanMs !== null ? ` (${seconds(s.spanMs)})` : ""}` +
        (wait.count > 0
          ? ` · waits between attempts: ${wait.count}, total ${seconds(wait.totalMs)}, longest ${seconds(wait.maxMs)}`
          : ""),
    );
  }
  if (s.byModel.length > 0) {
    out.push("Models:");
    for (const m of s.byModel)
      out.push(
        `  ${m.provider ?? "?"}/${m.model ?? "?"}${m.modelApi ? ` (${m.modelApi})` : ""}: ` +
          `${plural(m.attempts, "attempt")}, ${plural(m.errors, "error")}`,
      );
  }
  if (s.errorGroups.length > 0) {
    out.push("Errors:");
    for (const g of s.errorGroups.slice(0, 10)) {
      const label = [g.status, g.errorCode, g.errorType].filter((x) => x !== null).join(" ");
      out.push(
        `  ${g.count}× ${g.provider ?? "?"}/${g.model ?? "?"}${label ? ` ${label}` : ""}: ${oneLine(g.message)}`,
      );
    }
    const more = s.errorGroups.length - 10 + (s.errorsNotGrouped > 0 ? 1 : 0);
    if (more > 0) out.push(`  … and more (${s.errorsNotGrouped} errors beyond the group cap)`);
  }
  out.push(requestLine(s));
  const busiest = s.runSamples.filter((r) => r.attempts > 1).slice(0, 5);
  if (busiest.length > 0) {
    out.push("Runs with the most attempts:");
    for (const r of busiest) {
      const gaps = r.retryGapsMs.map((g) => seconds(g)).join(", ");
      out.push(
        `  ${r.runId.slice(0, 8)}: ${r.attempts} attempts on ${r.models.join(" → ")}, ${r.outcome}` +
          (r.durationMs !== null ? `, ${seconds(r.durationMs)}` : "") +
          (gaps ? `, waits ${gaps}` : ""),
      );
    }
  }
  return `${out.join("\n")}\n`;
}
