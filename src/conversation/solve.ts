import type { Analysis } from "../core/analyze.js";
import { redact } from "../core/redact/redact.js";
import { localizeAnalysis } from "../render/localize.js";
import { type DecideContext, languageOf } from "./context.js";
import type { Draft } from "./draft.js";
import { refreshCard, releaseHandoff } from "./handoff.js";
import { matchMitigation } from "./mitigation-match.js";
import { verdictNames } from "./summary.js";
import { renderNotice } from "./templates.js";

/**
 * Marks the thread solved and records which mitigation worked (matched from what the user said,
 * kept as a note either way): the seed of "what fixed it for similar threads".
 */
export function markSolved(
  draft: Draft,
  analysis: Analysis,
  ctx: DecideContext,
  by: string,
  said: string | null,
): void {
  const note = said?.trim() ? redact(said.trim(), ctx.kb.secretRules).text : null;
  const matched = note ? matchMitigation(note, analysis.mitigations) : null;
  draft.cancelTimers();
  draft.resolution = {
    id: `${draft.eventId}:resolution`,
    threadKey: draft.threadKey,
    at: draft.iso,
    by,
    mitigationId: matched?.id ?? null,
    mitigationTitle: matched?.title ?? null,
    note,
    errorClass: analysis.verdict.errorClass,
    provider: analysis.verdict.provider,
    model: analysis.verdict.model,
  };
  draft.setState("solved");
  const lang = languageOf(draft, analysis, ctx);
  draft.emit({
    type: "notice",
    threadKey: draft.threadKey,
    reason: "solved",
    ...renderNotice(
      ctx.kb,
      "solved",
      {
        mitigation: matched
          ? (localizeAnalysis(analysis, ctx.kb, lang).mitigations.find((m) => m.id === matched.id)
              ?.title ?? matched.title)
          : null,
        ...verdictNames(analysis, ctx.kb, lang),
      },
      lang,
    ),
  });
  refreshCard(draft, analysis, ctx);
  releaseHandoff(draft);
}
