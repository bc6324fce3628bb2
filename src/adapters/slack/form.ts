import { z } from "zod";
import { PASTE_FIELDS } from "../../render/slack/ids.js";

/** Where a "Paste details" submission goes: an existing thread, or a new one in a channel. */
export const FormTarget = z.union([
  z.object({ threadKey: z.string().startsWith("slack:") }),
  z.object({ channel: z.string().regex(/^[A-Z0-9]+$/) }),
]);
export type FormTarget = z.infer<typeof FormTarget>;

export function parseFormTarget(metadata: string | undefined): FormTarget | null {
  try {
    const parsed = FormTarget.safeParse(JSON.parse(metadata ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

type StateValues = Record<string, Record<string, { value?: string | null }>>;

export interface FormValues {
  version: string;
  rawError: string;
  modelsStatus: string;
}

export function readForm(values: StateValues): FormValues {
  const read = (id: string) => values[id]?.[id]?.value?.trim() ?? "";
  return {
    version: read(PASTE_FIELDS.version),
    rawError: read(PASTE_FIELDS.rawError),
    modelsStatus: read(PASTE_FIELDS.modelsStatus),
  };
}

export function isEmptyForm(form: FormValues): boolean {
  return !form.version && !form.rawError && !form.modelsStatus;
}

/**
 * The form as one message, written the way a user would paste it: pasted output in code fences
 * so the engine reads it as evidence, not as conversation.
 */
export function formText(form: FormValues): string {
  const parts: string[] = [];
  if (form.version) parts.push(`Tool version: ${form.version}`);
  if (form.rawError) parts.push(`Raw error:\n\`\`\`\n${form.rawError}\n\`\`\``);
  if (form.modelsStatus) parts.push(`Models status:\n\`\`\`\n${form.modelsStatus}\n\`\`\``);
  return parts.join("\n\n");
}
