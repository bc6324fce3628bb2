import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { z } from "zod";
import { projectRoot } from "./project-root.js";

/**
 * What the report builder knows how to write. A form maps its own field ids onto these, so a
 * repository with another bug-report form needs a mapping file, not code.
 */
export const ISSUE_SECTIONS = [
  "bug_type",
  "beta_blocker",
  "summary",
  "steps",
  "expected",
  "actual",
  "version",
  "os",
  "install_method",
  "model",
  "provider_chain",
  "provider_setup",
  "logs",
  "impact",
  "additional",
] as const;
export const IssueSection = z.enum(ISSUE_SECTIONS);
export type IssueSection = z.infer<typeof IssueSection>;

export const IssueFormField = z.object({
  /** The form's field id: the key of the pre-filled URL's query parameter. */
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  /** The `### <label>` heading GitHub renders in the body. */
  label: z.string().min(1),
  type: z.enum(["input", "textarea", "dropdown", "checkboxes"]),
  /** What the bot writes here; null leaves the field for the reporter. */
  section: IssueSection.nullable(),
  /** `shell` etc.: GitHub wraps the value in a code fence of that language. */
  render: z.string().optional(),
  options: z.array(z.string()).default([]),
  required: z.boolean().default(false),
});
export type IssueFormField = z.infer<typeof IssueFormField>;

/** Our mapping of a repository's bug-report form (data/issue-forms/*.json). */
export const IssueForm = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string(),
  /** The repository whose form this is ("owner/name"): the target when none is configured. */
  repo: z.string().optional(),
  /** The form's file name under .github/ISSUE_TEMPLATE/, the URL's `template` parameter. */
  template: z.string(),
  titlePrefix: z.string().default(""),
  labels: z.array(z.string()).default([]),
  fields: z.array(IssueFormField).min(1),
});
export type IssueForm = z.infer<typeof IssueForm>;

/**
 * A GitHub issue form (`.github/ISSUE_TEMPLATE/*.yml`) after YAML → JSON (`yq -o=json`); only
 * the keys we read are declared, the rest pass through.
 */
export const GitHubIssueForm = z.object({
  name: z.string(),
  title: z.string().optional(),
  labels: z.union([z.array(z.string()), z.string()]).optional(),
  body: z.array(
    z.object({
      type: z.string(),
      id: z.string().optional(),
      attributes: z
        .object({
          label: z.string().optional(),
          render: z.string().optional(),
          options: z.array(z.union([z.string(), z.object({ label: z.string() })])).optional(),
        })
        .loose(),
      validations: z.object({ required: z.boolean().optional() }).loose().optional(),
    }),
  ),
});
export type GitHubIssueForm = z.infer<typeof GitHubIssueForm>;

/**
 * How a field of a foreign form is recognised, first match wins. Ordered so the specific beats
 * the general: "Additional provider/model setup details" is setup, not model or additional.
 */
const SECTION_GUESSES: ReadonlyArray<[IssueSection, RegExp]> = [
  ["bug_type", /bug[ _-]?type|category/i],
  ["beta_blocker", /blocker/i],
  ["steps", /repro|steps/i],
  ["expected", /expected/i],
  ["actual", /actual|what happened|current behaviou?r/i],
  ["provider_setup", /setup|configuration/i],
  ["logs", /logs?\b|evidence|trace|screenshot/i],
  ["impact", /impact|severity/i],
  ["install_method", /install/i],
  ["os", /\bos\b|operating[ _-]system/i],
  ["version", /version/i],
  ["model", /\bmodel\b/i],
  ["provider_chain", /provider|routing/i],
  ["summary", /summary|describe|description/i],
  ["additional", /additional|context|anything else/i],
];

export function guessSection(id: string, label: string): IssueSection | null {
  for (const [section, pattern] of SECTION_GUESSES) {
    if (pattern.test(label) || pattern.test(id)) return section;
  }
  return null;
}

export interface FromGitHubOptions {
  /** The form's file name, e.g. "bug_report.yml". */
  template: string;
  /** Field id → section, overriding the guesses. */
  map?: Record<string, IssueSection | null>;
}

/** Maps a GitHub issue form onto our sections; markdown blocks and id-less fields are skipped. */
export function formFromGitHub(form: GitHubIssueForm, options: FromGitHubOptions): IssueForm {
  const fields: IssueFormField[] = [];
  for (const element of form.body) {
    const label = element.attributes.label;
    if (!element.id || !label) continue;
    const type = IssueFormField.shape.type.safeParse(element.type);
    if (!type.success) continue;
    const mapped = options.map?.[element.id];
    fields.push({
      id: element.id,
      label,
      type: type.data,
      section: mapped === undefined ? guessSection(element.id, label) : mapped,
      ...(element.attributes.render ? { render: element.attributes.render } : {}),
      options: (element.attributes.options ?? []).map((o) => (typeof o === "string" ? o : o.label)),
      required: element.validations?.required ?? false,
    });
  }
  const labels = typeof form.labels === "string" ? form.labels.split(",") : (form.labels ?? []);
  const id = basename(options.template, extname(options.template))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return IssueForm.parse({
    id: id || "form",
    name: form.name,
    template: options.template,
    titlePrefix: form.title ?? "",
    labels: labels.map((l) => l.trim()).filter(Boolean),
    fields,
  });
}

export class IssueFormError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = "IssueFormError";
  }
}

function describeZodError(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "invalid";
}

/**
 * Parses either our mapping (has `fields`) or a GitHub issue form in JSON (has `body`).
 * `template` names the form file when the data is a GitHub form.
 */
export function parseIssueForm(data: unknown, file: string, template?: string): IssueForm {
  const isGitHub = typeof data === "object" && data !== null && "body" in data;
  if (!isGitHub) {
    const parsed = IssueForm.safeParse(data);
    if (!parsed.success) throw new IssueFormError(file, describeZodError(parsed.error));
    return parsed.data;
  }
  const parsed = GitHubIssueForm.safeParse(data);
  if (!parsed.success) throw new IssueFormError(file, describeZodError(parsed.error));
  const map = (data as { "x-ratelimit-triage-map"?: Record<string, IssueSection | null> })[
    "x-ratelimit-triage-map"
  ];
  const form = formFromGitHub(parsed.data, {
    template: template ?? `${basename(file, extname(file))}.yml`,
    ...(map ? { map } : {}),
  });
  if (!form.fields.some((f) => f.section !== null))
    throw new IssueFormError(file, "no field could be mapped to a report section");
  return form;
}

/** The bundled OpenClaw form mapping. */
export const DEFAULT_ISSUE_FORM_FILE = "data/issue-forms/openclaw.json";

/**
 * Reads a form file: our JSON mapping, or a GitHub issue form converted to JSON. YAML is refused
 * with the conversion command: no YAML parser is a dependency yet.
 */
export function loadIssueForm(path = join(projectRoot(), DEFAULT_ISSUE_FORM_FILE)): IssueForm {
  const ext = extname(path).toLowerCase();
  if (ext === ".yml" || ext === ".yaml") {
    throw new IssueFormError(
      path,
      `YAML forms are read as JSON: convert it with \`yq -o=json ${basename(path)} > ${basename(path, ext)}.json\``,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new IssueFormError(
      path,
      `cannot read: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new IssueFormError(path, `not valid JSON: ${(error as Error).message}`);
  }
  return parseIssueForm(data, path);
}
