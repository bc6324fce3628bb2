import { webApi } from "@slack/bolt";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SlackPerformer } from "../../../src/adapters/slack/perform.js";
import type { Action } from "../../../src/conversation/port.js";
import { FakeSlack } from "../../fakes/slack/fake-slack.js";

const KEY = "slack:CSUPPORT1:1700000000.000100";

describe("SlackPerformer.callsPlatform", () => {
  let fake: FakeSlack;
  let performer: SlackPerformer;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    performer = new SlackPerformer({
      client: new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl }),
      outbox: { lastDeliveredReply: async () => null },
      staffChannel: null,
      logger: pino({ level: "silent" }),
    });
  });
  afterAll(() => fake.stop());

  // The drainer skips counting an attempt when this says no call is made: it must never be wrong.
  test.each(["awaiting_user", "diagnosed", "handed_off", "solved"])(
    "a state change to %s says whether delivering it calls the Web API",
    async (to) => {
      const action: Action = { type: "state", threadKey: KEY, from: "new", to } as Action;
      const before = fake.calls.length;
      await performer.deliver(action);
      expect(performer.callsPlatform(action)).toBe(fake.calls.length > before);
    },
  );
});
