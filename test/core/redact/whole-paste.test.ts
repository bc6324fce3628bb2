import { describe, expect, it } from "vitest";
import { redact } from "../../../src/core/redact/redact.js";
import { fillFixture, readFixture } from "./support/fill.js";
import { createRng } from "./support/prng.js";
import { RULES, tellTales } from "./support/rules.js";

/** Each fixture and the kinds it must report, in order of appearance. */
const PASTES: Array<[file: string, kinds: string[]]> = [
  [
    "env-file.txt",
    [
      "google-api-key",
      "openai-api-key",
      "anthropic-api-key",
      "openrouter-api-key",
      "groq-api-key",
      "generic-secret",
      "connection-string-password",
      "discord-bot-token",
      "slack-token",
      "generic-secret",
      "aws-access-key-id",
      "generic-secret",
    ],
  ],
  ["curl.txt", ["google-api-key", "bearer-token"]],
  ["service-account.json", ["google-service-account-key"]],
  ["traceback.txt", ["openai-api-key"]],
  [
    "chat-config.yaml",
    [
      "discord-bot-token",
      "slack-token",
      "slack-token",
      "generic-secret",
      "slack-webhook",
      "telegram-bot-token",
    ],
  ],
  ["slack-message.txt", ["google-api-key", "google-api-key", "url-key-param"]],
];

describe("whole pastes", () => {
  it.each(PASTES)("%s: every secret gone, everything else byte for byte", (file, kinds) => {
    for (let seed = 1; seed <= 10; seed++) {
      const { text, expected, secrets } = fillFixture(readFixture(file), createRng(seed));
      const result = redact(text, RULES);
      expect(result.text).toBe(expected);
      expect(result.redactions.map((r) => r.kind)).toEqual(kinds);
      for (const secret of secrets)
        for (const fragment of tellTales(secret)) expect(result.text).not.toContain(fragment);
    }
  });

  it("keeps the CRLF line ends and trailing spaces of a Windows .env", () => {
    const { text } = fillFixture(readFixture("env-file.txt"), createRng(7));
    const out = redact(text, RULES).text;
    expect(out.split("\r\n").length).toBe(text.split("\r\n").length);
    expect(out).toContain("LOG_LEVEL=debug   \r\n");
    expect(out).toContain("FALLBACK_KEY=$GEMINI_API_KEY\r\n");
  });

  it("leaves a paste of harmless look-alikes byte for byte", () => {
    const text = readFixture("look-alikes.txt");
    const result = redact(text, RULES);
    expect(result.redactions).toEqual([]);
    expect(result.text).toBe(text);
  });

  it.each(
    readFixture("look-alikes.txt")
      .split("\n")
      .filter((l) => l.length > 0),
  )("leaves the look-alike line %j alone on its own", (line) => {
    expect(redact(line, RULES).text).toBe(line);
  });
});
