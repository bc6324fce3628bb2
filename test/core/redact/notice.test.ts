import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { noticeView, renderRedactionNotice } from "../../../src/core/redact/notice.js";
import { redact } from "../../../src/core/redact/redact.js";
import type { Redaction } from "../../../src/core/redact/types.js";
import { RULES } from "./support/rules.js";

const TEMPLATE = readFileSync(
  fileURLToPath(new URL("../../../prompts/redaction-notice.md", import.meta.url)),
  "utf8",
);

const GOOGLE: Redaction = {
  kind: "google-api-key",
  title: "Google API key",
  preview: "AIza…[redacted]",
  rotate: "https://aistudio.google.com/app/apikey",
};
const OPENAI: Redaction = {
  kind: "openai-api-key",
  title: "OpenAI API key",
  preview: "sk-proj-…[redacted]",
  rotate: "https://platform.openai.com/api-keys",
};

describe("renderRedactionNotice", () => {
  it("says nothing when nothing was redacted", () => {
    expect(renderRedactionNotice([], TEMPLATE)).toBe("");
  });

  it("names one secret, its preview and where to rotate it", () => {
    const notice = renderRedactionNotice([GOOGLE], TEMPLATE);
    expect(notice).toContain(
      "I removed 1 Google API key (`AIza…[redacted]`) from your message. Treat it as leaked",
    );
    expect(notice).toContain("rotate it at https://aistudio.google.com/app/apikey.");
    expect(notice).not.toMatch(/&#|&amp;/);
  });

  it("deduplicates by kind, counts, pluralises and lists one rotation per kind", () => {
    const notice = renderRedactionNotice([GOOGLE, OPENAI, GOOGLE], TEMPLATE);
    expect(notice).toContain(
      "I removed 3 secrets from your message: 2 Google API keys (`AIza…[redacted]`) and 1 OpenAI API key (`sk-proj-…[redacted]`).",
    );
    expect(notice).toContain("- Google API key: rotate at https://aistudio.google.com/app/apikey");
    expect(notice).toContain("- OpenAI API key: rotate at https://platform.openai.com/api-keys");
    expect(notice.match(/- Google API key/g)).toHaveLength(1);
  });

  it("renders what redact() reports, URLs unescaped (Markdown, not HTML)", () => {
    const { redactions } = redact(
      "AWS_ACCESS_KEY_ID=AKIAZ7Q2LX9VB4NC7MQP\nTELEGRAM=123456789:AAHk2x9abcdefghijklmnopqrstuvwxyz12",
      RULES,
    );
    const notice = renderRedactionNotice(redactions, TEMPLATE);
    expect(notice).toContain("1 AWS access key (`AKIA…[redacted]`) and 1 Telegram bot token");
    expect(notice).toContain(
      "rotate at https://console.aws.amazon.com/iam/home#/security_credentials (deactivate, then delete the access key)",
    );
    expect(notice).toContain("(send /revoke to @BotFather)");
  });

  it("falls back to the kind and a generic instruction for a bare Redaction", () => {
    const notice = renderRedactionNotice(
      [{ kind: "custom-token", preview: "[redacted]" }],
      TEMPLATE,
    );
    expect(notice).toContain("1 custom-token (`[redacted]`)");
    expect(notice).toContain("rotate it where it was issued.");
  });

  it("takes the template as an argument", () => {
    const template = "{{total}}|{{#kinds}}{{kind}}:{{count}}:{{previews}};{{/kinds}}";
    expect(renderRedactionNotice([GOOGLE, OPENAI, GOOGLE], template)).toBe(
      "3|google-api-key:2:`AIza…[redacted]`;openai-api-key:1:`sk-proj-…[redacted]`;",
    );
  });

  it("builds a view with separators for a running list", () => {
    const view = noticeView([GOOGLE, OPENAI, { ...OPENAI, kind: "x", title: "X" }]);
    expect(view.kinds.map((k) => k.sep)).toEqual(["", ", ", " and "]);
    expect(view.singleKind).toBe(false);
    expect(view.total).toBe(3);
  });
});
