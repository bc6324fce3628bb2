/**
 * The engine thread's entry: it opens its own connection to the bot's store, builds the same
 * conversation as `npm start`, and decides what the main thread sends it. The main thread keeps
 * the platforms' sockets, so a busy engine never delays an ack or a gateway heartbeat. For the
 * platforms in `deliversFor` it also decides what the main thread recorded and acked, and sends
 * the replies (src/engine-thread/platform-deliveries.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { setUpConversation } from "../app/conversation-setup.js";
import { makeLogger } from "../app/make-logger.js";
import type { ConversationPort } from "../conversation/port.js";
import { loadIssueForm } from "../knowledge/issue-form.js";
import { loadKnowledge } from "../knowledge/load.js";
import { type BotStore, openConfiguredStore } from "../store/open-store.js";
import { warmUp } from "../warm-up/warm-up.js";
import { type EngineThreadData, type FromEngine, type ToEngine, toSentError } from "./messages.js";
import { PlatformDeliveries } from "./platform-deliveries.js";
import { lowerThisThreadsPriority } from "./thread-priority.js";

const port = parentPort;
if (!port) throw new Error("worker-main.ts runs only as a worker thread (src/engine-thread)");
const data = workerData as EngineThreadData;
const send = (message: FromEngine) => port.postMessage(message);

interface Engine {
  conversation: ConversationPort;
  store: BotStore;
  platforms: PlatformDeliveries;
}

async function start(): Promise<Engine> {
  const { config } = data;
  const logger = makeLogger(config, false).child({ thread: "engine" });
  // The sockets' thread first: an ack waits for no decision to finish its time slice.
  if (!lowerThisThreadsPriority())
    logger.debug("the engine thread keeps the main thread's priority");
  const kb = loadKnowledge();
  const form = loadIssueForm(...(config.github.issueForm ? [config.github.issueForm] : []));
  const store = await openConfiguredStore(config);
  const conversation = setUpConversation({ config, kb, form, store, logger, pollStatus: true });
  const platforms = await PlatformDeliveries.create(data.deliversFor, {
    config,
    conversation,
    logger,
  });
  const warmed = data.warmUp ? await warmUp(kb) : null;
  send({ type: "ready", warmUpMs: warmed ? Math.round(warmed.ms) : null });
  platforms.start();
  return { conversation, store, platforms };
}

async function call({ conversation, platforms }: Engine, method: string, args: unknown[]) {
  switch (method) {
    case "receive": {
      const event = args[0] as Parameters<ConversationPort["receive"]>[0];
      return platforms.inThreadOrder(event.threadKey, () => conversation.receive(event));
    }
    case "command": {
      const command = args[0] as Parameters<ConversationPort["command"]>[0];
      return platforms.inThreadOrder(command.threadKey, () => conversation.command(command));
    }
    case "tick":
      return conversation.tick(args[0] as Date);
    case "incidents":
      return conversation.incidents?.();
    case "trackIncident":
      return conversation.trackIncident?.(args[0] as string | undefined);
    case "deliveries.kick":
      return platforms.of(args[0]).kick();
    case "deliveries.drain":
      return platforms.of(args[0]).drain();
    case "deliveries.idle":
      return platforms.of(args[0]).idle();
    case "deliveries.stop":
      return platforms.stop(args[0]);
    default:
      throw new Error(`the engine thread has no call "${method}"`);
  }
}

const started = start();
started.catch((error) => send({ type: "failed", error: toSentError(error) }));
const inFlight = new Set<Promise<unknown>>();

port.on("message", async (message: ToEngine) => {
  const engine = await started;
  if (message.type === "stop") {
    await engine.platforms.stopAll();
    await Promise.allSettled(inFlight);
    await engine.store.close();
    send({ type: "stopped" });
    port.close();
    return;
  }
  const work = call(engine, message.method, message.args);
  inFlight.add(work);
  try {
    send({ type: "answer", id: message.id, ok: true, value: await work });
  } catch (error) {
    send({ type: "answer", id: message.id, ok: false, error: toSentError(error) });
  } finally {
    inFlight.delete(work);
  }
});
