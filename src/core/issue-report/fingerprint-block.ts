import type { IssueForm } from "../../knowledge/issue-form.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { describeFingerprint, type IssueFingerprint } from "./fingerprint.js";
import { renderIssueTemplate } from "./render-template.js";

/**
 * Where the fingerprint lines go: the free-form "additional" field, else the last plain textarea.
 * A `render: shell` field would show the HTML comment as text, so it comes last.
 */
export function fingerprintFieldOf(form: IssueForm): string | null {
  const textareas = form.fields.filter((f) => f.type === "textarea");
  return (
    textareas.find((f) => f.section === "additional")?.id ??
    textareas.filter((f) => !f.render).at(-1)?.id ??
    textareas.at(-1)?.id ??
    null
  );
}

/** The visible fingerprint line and the HTML comment the duplicate search looks for. */
export function fingerprintBlock(fp: IssueFingerprint, kb: Knowledge): string {
  return renderIssueTemplate(kb, "fingerprint", { id: fp.id, parts: describeFingerprint(fp) });
}

/** Appends the fingerprint block to the value of the fingerprint field. */
export function withFingerprint(value: string | undefined, block: string): string {
  return value && value.trim() !== "" ? `${value}\n\n${block}` : block;
}
