/**
 * The fake Slack Web API (test/fakes/slack) on a worker thread of its own, for the load benches:
 * on the driver's thread, answering the bot's hundreds of chat.postMessage calls a second delayed
 * the driver's reading of acks, and that delay was counted as the bot's ack time. This thread
 * starts the fake, tells the driver where it listens, and reports each chat.postMessage by its
 * thread_ts with the time it came (performance.timeOrigin + performance.now(), comparable
 * between threads).
 */
import { parentPort, workerData } from "node:worker_threads";
import { FakeSlack } from "../../test/fakes/slack/fake-slack.js";
import type { FakeUser } from "../../test/fakes/slack/fake-slack-state.js";
import type { FakeSlackThreadData, FromFakeSlackThread } from "./fake-slack-remote.js";

const port = parentPort;
if (!port) throw new Error("fake-slack-thread.ts runs only as a worker thread");
const send = (message: FromFakeSlackThread) => port.postMessage(message);

const fake = await FakeSlack.start();
for (const [id, user] of (workerData as FakeSlackThreadData).users)
  fake.state.users.set(id, user as FakeUser);

/** Reported in batches: a message per post would cost the driver as much as the calls did. */
let reported = 0;
const report = setInterval(() => {
  if (reported === fake.calls.length) return;
  const at = performance.timeOrigin + performance.now();
  const posts: string[] = [];
  for (; reported < fake.calls.length; reported++) {
    const call = fake.calls[reported];
    if (call?.method === "chat.postMessage") posts.push(String(call.params.thread_ts ?? ""));
  }
  if (posts.length > 0) send({ type: "posts", at, threadTs: posts });
}, 2);

port.on("message", async (message: { type: "stop" }) => {
  if (message.type !== "stop") return;
  clearInterval(report);
  await fake.stop();
  send({ type: "stopped" });
  port.close();
});

send({
  type: "ready",
  apiUrl: fake.apiUrl,
  botToken: fake.botToken,
  teamId: fake.state.teamId,
  botUserId: fake.state.botUserId,
});
