import { pino } from "pino";
import { afterEach, expect, test } from "vitest";
import { startSlackAdapter } from "../../src/adapters/slack/index.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createConversation } from "../../src/conversation/engine.js";
import type { Action } from "../../src/conversation/port.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { openSqliteStore } from "../../src/store/sqlite/open.js";
import { FakeSlack } from "../fakes/slack/fake-slack.js";
import { SIGNING_SECRET, SUPPORT, USER } from "../fakes/slack/harness.js";
import { eventEnvelope, messageEvent } from "../fakes/slack/payloads.js";
import { slackSender } from "../fakes/slack/signed-request.js";

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

test("startSlackAdapter runs from the app's config, and delivers the scheduler's actions for Slack threads only", async () => {
  const fake = await FakeSlack.start();
  cleanup.push(() => fake.stop());
  const store = openSqliteStore(":memory:");
  cleanup.push(() => store.close());
  const conversation = createConversation({ store, kb: loadKnowledge() });
  // The environment `npm start` would see, through the app's own config loader.
  const config = loadConfig({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_CHANNELS: SUPPORT,
    PORT: "0",
    HOST: "127.0.0.1",
  });
  const adapter = await startSlackAdapter({
    config,
    conversation,
    logger: pino({ level: "silent" }),
  });
  cleanup.push(() => adapter.stop());
  expect(adapter.platform).toBe("slack");
  const port = adapter.port;
  expect(port).toBeGreaterThan(0);

  const root = "1760000100.000200";
  const text = "Gemini keeps answering 429 RESOURCE_EXHAUSTED, what limit is this?";
  await slackSender(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET).event(
    eventEnvelope(fake.state, messageEvent({ channel: SUPPORT, user: USER, text, ts: root })),
  );
  await fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);

  // A day later the scheduler's tick nudges the reporter; the registry hands the actions over.
  const due = await conversation.tick(new Date(Date.now() + 25 * 3600_000));
  const nudge = due.find((a) => a.type === "notice" && a.reason === "nudge");
  expect(nudge).toBeDefined();
  const foreign: Action = { type: "state", threadKey: "discord:123", from: "new", to: "solved" };
  await adapter.deliver([...due, foreign]);
  const posted = await fake.waitFor(
    "chat.postMessage",
    (c) => c.params.thread_ts === root && String(c.params.text).includes(`<@${USER}>`),
  );
  expect(posted.params.channel).toBe(SUPPORT);
});
