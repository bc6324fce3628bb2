import { ComponentType, type Modal, type TextInput, TextInputStyle } from "./api-shapes.js";
import { CUSTOM_IDS } from "./custom-ids.js";
import { LIMITS } from "./limits.js";

/** The modal's fields, in the order the reply asks for them (the reply's missing info). */
export const PASTE_FIELDS = [
  {
    id: "version",
    label: "Tool and version",
    heading: "Tool and version",
    style: TextInputStyle.Short,
    placeholder: "output of: openclaw --version",
    max: 200,
  },
  {
    id: "error",
    label: "Raw error (the provider's answer)",
    heading: "Raw error",
    style: TextInputStyle.Paragraph,
    placeholder:
      "the JSON body or log line with 429 / RESOURCE_EXHAUSTED, headers if you have them",
    max: LIMITS.inputValue,
  },
  {
    id: "status",
    label: "Models status",
    heading: "Models status",
    style: TextInputStyle.Paragraph,
    placeholder: "output of: openclaw models status --probe --json",
    max: LIMITS.inputValue,
  },
] as const;

/** "Paste details": version, raw error, models status. All optional: any one of them helps. */
export function pasteModal(): Modal {
  return {
    custom_id: CUSTOM_IDS.pasteModal,
    title: "Paste details",
    components: PASTE_FIELDS.map((f) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: f.id,
          style: f.style,
          label: f.label,
          placeholder: f.placeholder,
          required: false,
          max_length: f.max,
        } satisfies TextInput,
      ],
    })),
  };
}

/** The submitted fields as one message the engine reads like a paste, each under its heading. */
export function pasteModalText(values: Record<string, string | undefined>): string {
  return PASTE_FIELDS.filter((f) => (values[f.id] ?? "").trim() !== "")
    .map((f) => `${f.heading}:\n${(values[f.id] ?? "").trim()}`)
    .join("\n\n");
}
