import { describe, expect, it } from "vitest";
import { presentationEdits } from "../../../src/core/redact/presentation.js";
import { redact } from "../../../src/core/redact/redact.js";
import { RULES } from "./support/rules.js";

// Made-up keys in the providers' shapes; none was ever issued.
const GOOGLE = "AIzaSyQ7r2Lm9Xc4Vb8Nk1Hd6Tf3Wp0Zs5Gy2Ej";
const ANTHROPIC = `sk-ant-api03-${"Pz4Kq8Rm2Vx6Nb0Lt3Hw7Jc1Fd5Gs9Ya".repeat(3)}xyAA`;
const ESC = "\x1b";
const LOG_HEAD = "2026-12-03T09:14:27.512Z  WARN  [provider-transport] retrying with";

const out = (text: string) => redact(text, RULES).text;

describe("redaction through presentation", () => {
  it("removes a key coloured by SGR codes and keeps every code around it", () => {
    const line = `${ESC}[2m10:00:01${ESC}[22m ${ESC}[35m${ANTHROPIC}${ESC}[39m\n`;
    expect(out(line)).toBe(
      `${ESC}[2m10:00:01${ESC}[22m ${ESC}[35msk-ant-api03-…[redacted]${ESC}[39m\n`,
    );
  });

  it("reads colour codes written out as JSON, Python and caret escapes", () => {
    for (const esc of ["\\u001b", "\\x1b", "\\033", "^["]) {
      const text = `"msg":"key=${esc}[1;33m${GOOGLE}${esc}[0m"`;
      expect(out(text)).toBe(`"msg":"key=${esc}[1;33mAIza…[redacted]${esc}[0m"`);
    }
  });

  it("keeps cursor moves and erases in a redrawn progress line", () => {
    const text = `${ESC}[2K${ESC}[1Gusing ${ESC}[36m${GOOGLE}${ESC}[0m${ESC}[K`;
    expect(out(text)).toBe(`${ESC}[2K${ESC}[1Gusing ${ESC}[36mAIza…[redacted]${ESC}[0m${ESC}[K`);
  });

  it("redacts a key in an OSC 8 hyperlink's target and keeps the link's escapes", () => {
    const text = `${ESC}]8;;https://example.test/v1?key=${GOOGLE}${ESC}\\open${ESC}]8;;${ESC}\\`;
    expect(out(text)).toBe(
      `${ESC}]8;;https://example.test/v1?key=AIza…[redacted]${ESC}\\open${ESC}]8;;${ESC}\\`,
    );
  });

  it("catches keys glued to the word before by _ = : or quotes", () => {
    for (const glue of ["_", "=", ":", '"', "'"]) {
      expect(out(`config${glue}${GOOGLE}`)).toBe(`config${glue}AIza…[redacted]`);
      expect(out(`env${glue}${ANTHROPIC}`)).toBe(`env${glue}sk-ant-api03-…[redacted]`);
    }
  });

  it("still leaves prefixes inside ordinary words alone", () => {
    for (const text of ["run task-list then desk-lamp", "from hub import hf_hub_download"])
      expect(out(text)).toBe(text);
  });

  it("reads JSON and shell escaping at any depth", () => {
    expect(out(`{"env":"GEMINI_API_KEY\\u003d${GOOGLE}"}`)).toBe(
      `{"env":"GEMINI_API_KEY\\u003dAIza…[redacted]"}`,
    );
    expect(out(`"cmd":"export KEY=\\\\\\"${GOOGLE}\\\\\\""`)).toBe(
      `"cmd":"export KEY=\\\\\\"AIza…[redacted]\\\\\\""`,
    );
    const split = `${ANTHROPIC.slice(0, 30)}\\u002d${ANTHROPIC.slice(31)}`;
    expect(out(`"x-api-key: ${split}"`)).toBe(`"x-api-key: sk-ant-api03-…[redacted]"`);
  });

  it("reads percent-encoding, once or twice over", () => {
    expect(out(`GET /cb?next=%2Fv1%3Fkey%253D${GOOGLE}%26alt%3Dsse`)).toBe(
      "GET /cb?next=%2Fv1%3Fkey%253DAIza…[redacted]%26alt%3Dsse",
    );
    const encoded = `${GOOGLE.slice(0, 12)}%2D${GOOGLE.slice(13)}`;
    expect(out(`q=${encoded} end`)).toBe("q=AIza…[redacted] end");
  });

  it("joins a key a box border cut in two, keeping the borders and line breaks", () => {
    const text = [
      "╭──────────────────────────────────╮",
      `│ GEMINI_API_KEY=${GOOGLE.slice(0, 17)} │`,
      `│ ${GOOGLE.slice(17).padEnd(32)} │`,
      "╰──────────────────────────────────╯",
    ].join("\r\n");
    expect(out(text)).toBe(
      [
        "╭──────────────────────────────────╮",
        "│ GEMINI_API_KEY=AIza…[redacted] │",
        `│ ${"".padEnd(32 - (GOOGLE.length - 17))} │`,
        "╰──────────────────────────────────╯",
      ].join("\r\n"),
    );
  });

  it("joins a key a terminal hard-wrapped at its width", () => {
    const line = `${LOG_HEAD} ${ANTHROPIC}`;
    const width = LOG_HEAD.length + 20;
    const text = `${line.slice(0, width)}\n${line.slice(width)}\nnext line`;
    expect(out(text)).toBe(`${LOG_HEAD} sk-ant-api03-…[redacted]\n\nnext line`);
  });

  it("does not join a full line to the next assignment or word", () => {
    const env = `OPENAI_API_KEY=sk-proj-${"Ab3dE".repeat(24)}\nexport NEXT=1\nOTHER_KEY=plain\n`;
    expect(out(env)).toBe("OPENAI_API_KEY=sk-proj-…[redacted]\nexport NEXT=1\nOTHER_KEY=plain\n");
    const log = `${LOG_HEAD} quota_metric=generate_content_free_tier_requests\n2026-12-03 next`;
    expect(out(log)).toBe(log);
  });

  it("finds no presentation in plain text, so plain text is scanned once", () => {
    expect(presentationEdits("GEMINI_API_KEY=abc\nshort line\r\nanother one")).toEqual([]);
  });

  it("is idempotent on presented secrets", () => {
    const text = `${ESC}[35m${GOOGLE}${ESC}[0m │ %3Fkey%3D${GOOGLE} \\u003d${ANTHROPIC}`;
    const once = out(text);
    expect(once).not.toContain(GOOGLE.slice(-12));
    expect(out(once)).toBe(once);
  });
});
