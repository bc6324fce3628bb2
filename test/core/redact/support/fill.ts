import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  ALNUM,
  BASE64,
  base64url,
  HEX,
  keyString,
  type Rng,
  UPPER_DIGITS,
  URLSAFE,
} from "./prng.js";

/** A generated secret and the marker that must replace it. */
interface Filler {
  secret: string;
  marker: string;
}

const bare = (secret: string): Filler => ({ secret, marker: "[redacted]" });
const kept = (secret: string, keep: string): Filler => ({ secret, marker: `${keep}…[redacted]` });
const digits = (rng: Rng, n: number) => `${rng.int(1, 9)}${rng.string("0123456789", n - 1)}`;

/** Placeholders used in test/fixtures/secrets: «name» is filled with a fresh fake secret. */
const FILLERS: Record<string, (rng: Rng) => Filler> = {
  "google-api-key": (rng) => kept(`AIzaSy${rng.string(URLSAFE, 33)}`, "AIza"),
  "openai-api-key": (rng) => kept(`sk-proj-${rng.string(URLSAFE, 156)}`, "sk-proj-"),
  "anthropic-api-key": (rng) => kept(`sk-ant-api03-${rng.string(URLSAFE, 93)}AA`, "sk-ant-api03-"),
  "openrouter-api-key": (rng) => kept(`sk-or-v1-${rng.string(HEX, 64)}`, "sk-or-v1-"),
  "groq-api-key": (rng) => kept(`gsk_${rng.string(ALNUM, 52)}`, "gsk_"),
  "aws-access-key-id": (rng) =>
    kept(`AKIA${rng.string("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`, "AKIA"),
  "slack-bot-token": (rng) =>
    kept(`xoxb-${digits(rng, 11)}-${digits(rng, 13)}-${rng.string(ALNUM, 24)}`, "xoxb-"),
  "slack-app-token": (rng) =>
    kept(
      `xapp-1-A${rng.string(UPPER_DIGITS, 10)}-${digits(rng, 13)}-${rng.string(HEX, 64)}`,
      "xapp-",
    ),
  "slack-webhook-path": (rng) =>
    bare(
      `T${rng.string(UPPER_DIGITS, 8)}/B${rng.string(UPPER_DIGITS, 10)}/${rng.string(ALNUM, 24)}`,
    ),
  "discord-bot-token": (rng) =>
    bare(
      `${Buffer.from(digits(rng, 19)).toString("base64url")}.${rng.string(URLSAFE, 6)}.${rng.string(URLSAFE, 38)}`,
    ),
  "telegram-bot-token": (rng) => bare(`${digits(rng, 10)}:AA${rng.string(URLSAFE, 33)}`),
  "random-32": (rng) => bare(keyString(rng, ALNUM, 32)),
  "hex-32": (rng) => bare(keyString(rng, HEX, 32)),
  "base64-40": (rng) => bare(keyString(rng, BASE64, 40)),
  "db-password": (rng) => bare(`p${keyString(rng, `${ALNUM}-_.~!`, 15)}`),
  "opaque-token": (rng) => bare(`t${keyString(rng, `${ALNUM}._-`, 47)}`),
  "pem-body-json": (rng) =>
    bare(`\\n${Array.from({ length: 6 }, () => rng.string(BASE64, 64)).join("\\n")}\\n`),
  "jwt-payload": (rng) => bare(base64url(JSON.stringify({ sub: rng.string(ALNUM, 10) }))),
};

export interface FilledFixture {
  text: string;
  /** The text every secret must be redacted to, byte for byte. */
  expected: string;
  secrets: string[];
}

export function readFixture(name: string): string {
  const url = new URL(`../../../fixtures/secrets/${name}`, import.meta.url);
  return readFileSync(fileURLToPath(url), "utf8");
}

/** Fills each «name» in a fixture (the same name gets the same secret) from a seeded generator. */
export function fillFixture(template: string, rng: Rng): FilledFixture {
  const chosen = new Map<string, Filler>();
  const pick = (name: string): Filler => {
    const existing = chosen.get(name);
    if (existing) return existing;
    const make = FILLERS[name];
    if (!make) throw new Error(`unknown placeholder «${name}»`);
    const filler = make(rng);
    chosen.set(name, filler);
    return filler;
  };
  const PLACEHOLDER = /«([a-z0-9-]+)»/g;
  return {
    text: template.replace(PLACEHOLDER, (_, name: string) => pick(name).secret),
    expected: template.replace(PLACEHOLDER, (_, name: string) => pick(name).marker),
    secrets: [...chosen.values()].map((f) => f.secret),
  };
}
