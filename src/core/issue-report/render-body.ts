import type { IssueForm, IssueFormField } from "../../knowledge/issue-form.js";
import type { Knowledge } from "../../knowledge/knowledge.js";
import { renderIssueTemplate } from "./render-template.js";

/** Fields the reporter should fill in when the thread does not say: the form's own facts. */
const FACT_SECTIONS = new Set(["version", "os", "install_method", "model", "provider_chain"]);

/** A fence longer than any backtick run inside, so pasted fences cannot close it early. */
function fenced(value: string, lang: string): string {
  const longest = Math.max(2, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${value}\n${fence}`;
}

function placeholder(field: IssueFormField, kb: Knowledge): string {
  const unknown = field.required || (field.section !== null && FACT_SECTIONS.has(field.section));
  return renderIssueTemplate(kb, "note", unknown ? { unknown: true } : { empty: true });
}

/**
 * The Markdown body GitHub renders for a submitted form: `### <label>` then the value, in form
 * order; fields with `render` come out fenced; an empty field reads "_No response_".
 */
export function renderIssueBody(
  form: IssueForm,
  fields: Readonly<Record<string, string>>,
  kb: Knowledge,
): string {
  const view = form.fields.map((field) => {
    const value = fields[field.id];
    if (value === undefined || value.trim() === "")
      return { label: field.label, value: placeholder(field, kb) };
    return { label: field.label, value: field.render ? fenced(value, field.render) : value };
  });
  return `${renderIssueTemplate(kb, "body", { fields: view })}\n`;
}
