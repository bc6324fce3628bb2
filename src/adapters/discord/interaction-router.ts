import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  Message,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  ThreadChannel,
} from "discord.js";
import type { Logger } from "pino";
import type { CommandName } from "../../conversation/port.js";
import { parseCustomId } from "../../render/discord/custom-ids.js";
import { docContents } from "../../render/discord/doc-messages.js";
import { LIMITS } from "../../render/discord/limits.js";
import { PASTE_FIELDS, pasteModal, pasteModalText } from "../../render/discord/paste-modal.js";
import { isStaff, toAuthor } from "./authors.js";
import type { CommandRunner, RunnerDeps } from "./command-runner.js";
import { TRIAGE_THREAD_MENU } from "./commands.js";
import { answerNow, EphemeralAnswer, modalData } from "./interaction-reply.js";
import { parseMessageLink } from "./message-link.js";
import { threadKey } from "./thread-key.js";
import { threadName } from "./watch.js";

const SLASH: ReadonlySet<string> = new Set([
  "triage",
  "diagnose",
  "handoff",
  "solved",
  "issue",
  "card",
]);

/** Routes slash commands, the context menu, buttons and the modal to the engine. */
export class InteractionRouter {
  constructor(
    private readonly deps: RunnerDeps & { logger: Logger },
    private readonly runner: CommandRunner,
  ) {}

  async onInteraction(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await this.slash(interaction);
      else if (interaction.isMessageContextMenuCommand()) await this.menu(interaction);
      else if (interaction.isButton()) await this.button(interaction);
      else if (interaction.isModalSubmit()) await this.modal(interaction);
    } catch (error) {
      this.deps.logger.error({ err: error, interactionId: interaction.id }, "interaction failed");
      if (interaction.isRepliable()) {
        const sorry = "Something went wrong on my side; the details are in the bot's log.";
        await (interaction.deferred || interaction.replied
          ? interaction.editReply({ content: sorry })
          : answerNow(interaction, sorry)
        ).catch(() => undefined);
      }
    }
  }

  private async slash(i: ChatInputCommandInteraction): Promise<void> {
    if (i.commandName === "incidents") return this.incidents(i);
    if (!SLASH.has(i.commandName)) return;
    const name = i.commandName as CommandName;
    const answer = new EphemeralAnswer(i);
    await answer.defer();
    const link = i.options.getString("link");
    const thread =
      name === "triage" && link ? await this.threadFromLink(link) : await this.thread(i.channelId);
    if (!thread) {
      await answer.send(
        link
          ? "I can't open that link: it must be a message or thread in this server that I can read."
          : `Use /${name} inside a help thread or forum post${name === "triage" ? ", or give it a message link" : ""}.`,
      );
      return;
    }
    if (name === "solved" && !this.mayClose(i, thread)) {
      await answer.send("Only the person who asked, or staff, can mark this thread solved.");
      return;
    }
    const argument = i.options.getString("note") ?? i.options.getString("what_worked") ?? undefined;
    await this.runner.run(i, answer, name, thread.id, thread, argument);
  }

  /**
   * Not a thread command: the list across threads, or (action "track") one tracker issue for an
   * open incident, for staff, answered to them alone. Filing goes through the same port as the
   * console's `/incidents track`, so the marker keeps it to one issue per incident.
   */
  private async incidents(i: ChatInputCommandInteraction): Promise<void> {
    if (!isStaff(i.user, i.member, this.deps.config)) {
      await answerNow(i, "Sorry, only staff can list or track incidents.");
      return;
    }
    const answer = new EphemeralAnswer(i);
    await answer.defer();
    const conversation = this.deps.conversation;
    const said =
      i.options.getString("action") === "track"
        ? await conversation.trackIncident?.(i.options.getString("id") ?? undefined)
        : await conversation.incidents?.();
    if (!said) return answer.send("Incidents are not watched here.");
    // From its structure, escaped the Discord way; each part fits one message.
    for (const part of docContents(said.doc, LIMITS.content, true)) await answer.send(part);
  }

  private async menu(i: MessageContextMenuCommandInteraction): Promise<void> {
    if (i.commandName !== TRIAGE_THREAD_MENU) return;
    const answer = new EphemeralAnswer(i);
    await answer.defer();
    const thread = await this.threadOf(i.targetMessage);
    await this.runner.run(i, answer, "triage", thread.id, thread);
  }

  private async button(i: ButtonInteraction): Promise<void> {
    const parsed = parseCustomId(i.customId);
    if (!parsed || parsed.kind === "paste-modal") return;
    if (parsed.kind === "paste") {
      // A modal must be the first answer to the click: no defer before it.
      await i.showModal(modalData(pasteModal()));
      return;
    }
    if (parsed.kind === "claim" || parsed.kind === "back") {
      if (!isStaff(i.user, i.member, this.deps.config)) {
        await answerNow(i, "Sorry, only staff can take or return a handoff.");
        return;
      }
      const answer = new EphemeralAnswer(i);
      await answer.defer();
      const name = parsed.kind === "claim" ? "claim" : "back_to_bot";
      await this.runner.run(i, answer, name, parsed.threadId, await this.thread(parsed.threadId));
      return;
    }
    if (parsed.kind === "issue-confirm") {
      // "File issue" / "Add to #N" on an /issue preview: the engine checks who may file.
      const answer = new EphemeralAnswer(i);
      await answer.defer();
      const thread = await this.thread(parsed.threadId);
      await this.runner.run(i, answer, "issue_confirm", parsed.threadId, thread, parsed.argument);
      return;
    }
    const thread = await this.thread(i.channelId);
    if (!thread) return answerNow(i, "This button only works in a help thread.");
    if (parsed.kind === "solved" && !this.mayClose(i, thread))
      return answerNow(i, "Only the person who asked, or staff, can mark this thread solved.");
    const answer = new EphemeralAnswer(i);
    await answer.defer();
    await this.runner.run(i, answer, parsed.kind, thread.id, thread);
  }

  private async modal(i: ModalSubmitInteraction): Promise<void> {
    if (parseCustomId(i.customId)?.kind !== "paste-modal") return;
    const answer = new EphemeralAnswer(i);
    await answer.defer();
    const thread = await this.thread(i.channelId);
    if (!thread) return answer.send("This form only works in a help thread.");
    const values: Record<string, string> = {};
    for (const field of PASTE_FIELDS) {
      try {
        values[field.id] = i.fields.getTextInputValue(field.id);
      } catch {
        // a field Discord did not send is an empty one
      }
    }
    const text = pasteModalText(values);
    if (text === "") return answer.send("The form was empty, so there was nothing to read.");
    const { conversation, performer, queue, drain, config } = this.deps;
    await queue.run(thread.id, async () => {
      const actions = await conversation.receive({
        platform: "discord",
        threadKey: threadKey(thread.id),
        eventId: `modal:${i.id}`,
        messageId: i.id,
        kind: "message",
        author: toAuthor(i.user, i.member, config),
        text,
        attachments: [],
        at: i.createdAt,
        title: thread.name,
        url: thread.url,
      });
      await performer.inline(actions, { ephemeral: answer.send });
      await drain();
    });
    if (!answer.used) await answer.send("Thanks, I read it: the reply in the thread is updated.");
  }

  /** The thread's poster or staff may close it; others would close someone else's question. */
  private mayClose(i: ChatInputCommandInteraction | ButtonInteraction, thread: ThreadChannel) {
    return thread.ownerId === i.user.id || isStaff(i.user, i.member, this.deps.config);
  }

  private async thread(channelId: string | null): Promise<ThreadChannel | null> {
    if (!channelId) return null;
    const channel = await this.deps.client.channels.fetch(channelId).catch(() => null);
    return channel?.isThread() ? channel : null;
  }

  /** The thread a message belongs to, or a new one opened on it (one question per thread). */
  private async threadOf(message: Message): Promise<ThreadChannel> {
    if (message.channel.isThread()) return message.channel;
    return message.thread ?? message.startThread({ name: threadName(message.content) });
  }

  private async threadFromLink(link: string): Promise<ThreadChannel | null> {
    const parsed = parseMessageLink(link);
    if (!parsed) return null;
    const channel = await this.deps.client.channels.fetch(parsed.channelId).catch(() => null);
    if (!channel) return null;
    if (channel.isThread()) return channel;
    if (!parsed.messageId || !channel.isTextBased() || channel.isDMBased()) return null;
    const message = await channel.messages.fetch(parsed.messageId).catch(() => null);
    return message ? this.threadOf(message) : null;
  }
}
