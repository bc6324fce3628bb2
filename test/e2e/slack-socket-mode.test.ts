import { afterEach, expect, test } from "vitest";
import { type SlackHarness, SUPPORT, startSlackHarness, USER } from "../fakes/slack/harness.js";
import { eventEnvelope, messageEvent, slashCommand } from "../fakes/slack/payloads.js";

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

test("Socket Mode: connects through apps.connections.open, acks envelopes, replies in the thread", async () => {
  h = await startSlackHarness({ socketMode: true, config: { signingSecret: null } });
  expect(h.bot.mode).toBe("socket");
  expect(h.bot.port).toBeUndefined();
  const open = await h.fake.waitFor("apps.connections.open");
  expect(open.authorization).toBe(`Bearer ${h.fake.appToken}`);
  expect(h.fake.socketConnections).toBe(1);

  const root = "1760000500.000100";
  const event = messageEvent({
    channel: SUPPORT,
    user: USER,
    text: "429 Too Many Requests from gpt-4o: Rate limit reached on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.",
    ts: root,
  });
  const ack = await h.fake.sendEnvelope("events_api", eventEnvelope(h.fake.state, event));
  expect(ack.envelope_id).toMatch(/^env-/);
  const reply = await h.fake.waitFor("chat.postMessage", (c) => c.params.thread_ts === root);
  expect(reply.params.channel).toBe(SUPPORT);

  const commandAck = await h.fake.sendEnvelope(
    "slash_commands",
    slashCommand(h.fake.state, {
      user: USER,
      channel: SUPPORT,
      responseUrl: `${h.fake.url}/respond/9`,
    }),
  );
  expect(commandAck.envelope_id).toMatch(/^env-/);
  await h.fake.waitFor("views.open");
});
