import { renderHandoffCard } from "../render/markdown/handoff-card.js";
import type { ThreadSnapshot } from "../store/records.js";
import { analyzeDraft, type DecideContext, languageOf } from "./context.js";
import { type Decision, Draft } from "./draft.js";
import { currentCard, handOff, refreshCard, releaseHandoff } from "./handoff.js";
import { restartStaleClock, WAITING_ON_USER, workingState } from "./lifecycle.js";
import type { Action, IncomingCommand } from "./port.js";
import { respond } from "./respond.js";
import { markSolved } from "./solve.js";
import { renderNotice } from "./templates.js";
import { undeliveredDoc, withUndelivered } from "./undelivered.js";

/** An answer for the command's author only, with nothing to store (a thread that does not exist). */
export function ephemeralOnly(
  command: IncomingCommand,
  ctx: DecideContext,
  prompt: string,
): Action {
  return {
    type: "ephemeral",
    threadKey: command.threadKey,
    userId: command.author.id,
    ...renderNotice(ctx.kb, prompt, {}),
  };
}

/**
 * A slash command, button or menu action. Commands about a thread need the thread; claim and
 * back-to-bot need staff; solved needs the reporter or staff. `issue` and `issue_confirm` talk
 * to GitHub and are decided in on-issue.ts.
 */
export function decideCommand(
  snapshot: ThreadSnapshot | null,
  command: IncomingCommand,
  ctx: DecideContext,
): Decision | Action[] {
  if (!snapshot) return [ephemeralOnly(command, ctx, "no-thread")];
  const draft = new Draft(snapshot, snapshot.thread, command.eventId, "command", command.at);
  const analysis = analyzeDraft(draft, ctx);
  const lang = languageOf(draft, analysis, ctx);
  const { author } = command;
  const tell = (prompt: string, view: object = {}) =>
    draft.emit({
      type: "ephemeral",
      threadKey: draft.threadKey,
      userId: author.id,
      ...renderNotice(ctx.kb, prompt, view, lang),
    });
  const state = draft.thread.state;
  const isReporter = author.id === draft.thread.reporterId;

  switch (command.name) {
    case "triage":
    case "diagnose": {
      respond(draft, analysis, ctx, { force: true, repeatQuestions: true });
      if (state === "new" || WAITING_ON_USER.has(state)) {
        draft.setState(workingState(analysis));
        restartStaleClock(draft, ctx.policy);
      }
      break;
    }
    case "handoff": {
      if (state === "handed_off") tell("handoff-already", { assignee: draft.thread.assignee });
      else
        handOff(draft, analysis, ctx, {
          reason: "command",
          requestedBy: author.name,
          postCard: true,
          notice: true,
        });
      break;
    }
    case "solved": {
      if (!isReporter && !author.isStaff) tell("reporter-or-staff-only");
      else if (state === "solved") tell("already-solved");
      else markSolved(draft, analysis, ctx, author.name, command.argument ?? null);
      break;
    }
    case "claim": {
      if (!author.isStaff) tell("staff-only");
      else claim(draft, analysis, ctx, author.name);
      break;
    }
    case "back_to_bot": {
      if (!author.isStaff) tell("staff-only");
      else if (state !== "handed_off") tell("not-handed-off");
      else {
        const staff = draft.thread.assignee ?? author.name;
        draft.thread.assignee = null;
        draft.thread.handoffReason = null;
        draft.thread.lowConfidenceRounds = 0;
        draft.setState(workingState(analysis));
        draft.emit({
          type: "notice",
          threadKey: draft.threadKey,
          reason: "info",
          ...renderNotice(ctx.kb, "released", { staff }, lang),
        });
        refreshCard(draft, analysis, ctx);
        releaseHandoff(draft);
        restartStaleClock(draft, ctx.policy);
      }
      break;
    }
    case "card": {
      const card = currentCard(draft, analysis, ctx);
      draft.emit({
        type: "ephemeral",
        threadKey: draft.threadKey,
        userId: author.id,
        text: withUndelivered(renderHandoffCard(card, ctx.kb), snapshot.deadLetters ?? []),
        // Platforms with cards of their own show the card, then these lines.
        doc: undeliveredDoc(snapshot.deadLetters ?? []),
        card,
      });
      break;
    }
  }
  return draft.finish();
}

function claim(
  draft: Draft,
  analysis: ReturnType<typeof analyzeDraft>,
  ctx: DecideContext,
  name: string,
): void {
  const previous = draft.thread.assignee;
  draft.thread.assignee = name;
  if (draft.thread.state !== "handed_off") {
    handOff(draft, analysis, ctx, {
      reason: "claimed",
      requestedBy: name,
      postCard: false,
      notice: false,
    });
  }
  if (previous !== name) {
    draft.emit({
      type: "notice",
      threadKey: draft.threadKey,
      reason: "claimed",
      ...renderNotice(ctx.kb, "claimed", { assignee: name }, languageOf(draft, analysis, ctx)),
    });
  }
  refreshCard(draft, analysis, ctx);
}
