import { describe, expect, it } from "vitest";
import { createLogger, LOG_REDACT_PATHS } from "../src/logger.js";
import { RULES } from "./core/redact/support/rules.js";

const KEY = "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW";

/** An in-memory destination: pino writes one JSON line per call. */
function memoryLogger(level = "info") {
  const lines: string[] = [];
  const log = createLogger(level, {
    destination: { write: (s: string) => lines.push(s) },
    rules: RULES,
  });
  const output = () => lines.join("");
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { log, output, records };
}

describe("createLogger", () => {
  it("never lets a logged AIza key reach the output stream", () => {
    const { log, output, records } = memoryLogger();
    log.info(`calling gemini with key ${KEY}`);
    log.warn({ url: `https://x.example/v1?key=${KEY}`, attempt: 2 }, "429 from google");
    log.info({ deep: { list: [{ note: `GEMINI_API_KEY=${KEY}` }] } }, "config");
    expect(output()).not.toContain(KEY);
    expect(output()).not.toContain(KEY.slice(-12));
    expect(records()[0]?.msg).toBe("calling gemini with key AIza…[redacted]");
    expect(records()[1]?.url).toBe("https://x.example/v1?key=AIza…[redacted]");
  });

  it("censors named fields by path: authorization headers, tokens, keys", () => {
    const { log, records } = memoryLogger();
    log.info(
      {
        headers: { authorization: "Bearer opaque", "x-api-key": "opaque" },
        discord: { token: "opaque" },
        provider: { apiKey: "opaque", name: "google" },
        password: "opaque",
      },
      "request",
    );
    const [record] = records();
    expect(record?.headers).toEqual({ authorization: "[redacted]", "x-api-key": "[redacted]" });
    expect(record?.discord).toEqual({ token: "[redacted]" });
    expect(record?.provider).toEqual({ apiKey: "[redacted]", name: "google" });
    expect(record?.password).toBe("[redacted]");
    expect(LOG_REDACT_PATHS).toContain("headers.authorization");
  });

  it("redacts errors (message and stack) and child bindings", () => {
    const { log, output, records } = memoryLogger();
    log.error(new Error(`upstream refused sk-proj-${"Ab3dEf6hIj9kLm2nOp5q".repeat(3)}`));
    log
      .child({
        webhook: `https://hooks.slack.com/services/T0123ABCD/B0123ABCDEF/${"x1Y2".repeat(6)}`,
      })
      .info("posted");
    expect(output()).not.toMatch(/Ab3dEf6hIj9kLm2nOp5q|x1Y2x1Y2/);
    const [error, child] = records();
    expect((error?.err as { message?: string } | undefined)?.message).toBe(
      "upstream refused sk-proj-…[redacted]",
    );
    expect(child?.webhook).toBe("https://hooks.slack.com/services/[redacted]");
  });

  it("catches a secret assembled by printf-style interpolation", () => {
    const { log, output } = memoryLogger();
    log.info("connecting with password=%s", "hunter22x");
    expect(output()).not.toContain("hunter22x");
    expect(output()).toContain("password=[redacted]");
  });

  it("does not touch the objects it was given, and honours the level", () => {
    const { log, records } = memoryLogger("warn");
    const payload = { url: `https://x.example/v1?key=${KEY}` };
    log.info(payload, "dropped");
    log.warn(payload, "kept");
    expect(payload.url).toContain(KEY);
    expect(records().map((r) => r.msg)).toEqual(["kept"]);
  });

  it("loads the project's rules when none are given", () => {
    const lines: string[] = [];
    const log = createLogger("info", { destination: { write: (s: string) => lines.push(s) } });
    log.info(`key ${KEY}`);
    expect(lines.join("")).toContain("key AIza…[redacted]");
  });
});
