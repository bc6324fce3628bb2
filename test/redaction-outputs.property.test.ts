import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";
import { redact } from "../src/core/redact/redact.js";
import { createLogger } from "../src/logger.js";
import { alice, conversationFixture, Harness, ofType } from "./conversation/support/harness.js";
import { leaks, plainly, stackedPaste } from "./core/redact/support/present.js";
import { RULES, tellTales } from "./core/redact/support/rules.js";
import { memoryIo } from "./helpers/cli-io.js";

/**
 * No secret in, no secret out: a corpus secret in any stack of presentations, pasted next to a
 * real 429, never comes out readable from any of the places a paste reaches.
 */
const RUNS = { seed: 20261204, numRuns: 40 };
const GEMINI_429 = conversationFixture("gemini-per-day-error.txt");

const harness = new Harness();
afterAll(() => harness.close());
let thread = 0;

function expectNoLeak(where: string, output: string, secret: string, shown: string) {
  expect(leaks(output, secret), `${where} leaks ${shown}: ${plainly(output).slice(0, 400)}`).toBe(
    false,
  );
}

describe("no secret in, no secret out", () => {
  it("the paste really holds the secret (or the checks below would prove nothing)", () => {
    fc.assert(
      fc.property(stackedPaste, ({ text, positive }) => {
        const plain = plainly(text);
        for (const fragment of tellTales(positive.secret))
          expect(plain).toContain(plainly(fragment));
      }),
      RUNS,
    );
  });

  it("redact, analyze --json and the log lines", async () => {
    await fc.assert(
      fc.asyncProperty(stackedPaste, async ({ text, positive, shown }) => {
        const paste = `${GEMINI_429}\n${text}\n`;
        expectNoLeak("redact", redact(paste, RULES).text, positive.secret, shown);

        const cli = memoryIo(paste);
        expect(await runCli(["analyze", "--json"], cli.io)).toBe(0);
        expectNoLeak("analyze --json", cli.out(), positive.secret, shown);

        const lines: string[] = [];
        const log = createLogger("info", {
          destination: { write: (s: string) => lines.push(s) },
          rules: RULES,
        });
        log.info(paste);
        log.warn({ paste, err: new Error(paste) }, "paste received");
        expectNoLeak("log lines", lines.join(""), positive.secret, shown);
      }),
      RUNS,
    );
  });

  it("the stored rows, the issue body and the pre-filled link", async () => {
    await fc.assert(
      fc.asyncProperty(stackedPaste, async ({ text, positive, shown }) => {
        thread += 1;
        harness.threadKey = `console:outputs-${thread}`;
        const firstLine = text.split("\n")[0] ?? "";
        const said = await harness.say(alice, `${GEMINI_429}\n${text}`, {
          title: `429 help ${firstLine.slice(0, 200)}`,
        });
        const [issue] = ofType(await harness.command(alice, "issue"), "ephemeral");
        // One read-only connection for every table: opening one per table made each run slow.
        const db = new Database(harness.path, { readonly: true });
        let rows: string;
        try {
          const tables = db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .all() as Array<{ name: string }>;
          rows = tables
            .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all()))
            .join("\n");
        } finally {
          db.close();
        }
        expectNoLeak("stored rows", rows, positive.secret, shown);
        expectNoLeak("replies", JSON.stringify(said), positive.secret, shown);
        expectNoLeak("issue body", issue?.text ?? "", positive.secret, shown);
        expectNoLeak("pre-filled link", issue?.issue?.url ?? "", positive.secret, shown);
        expect(issue?.issue?.url ?? "").toMatch(/^https:\/\/github\.com\//);
      }),
      RUNS,
    );
  });
});
