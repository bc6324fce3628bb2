/** Discord's message limits (developers/docs/resources/message, …/embed#embed-limits). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  /** All titles, descriptions, fields and footers of a message's embeds together. */
  embedTotal: 6000,
  buttonLabel: 80,
  modalTitle: 45,
  inputLabel: 45,
  inputValue: 4000,
} as const;

/** Cuts to `max` characters with an ellipsis, never leaving an empty string where Discord requires text. */
export function clamp(text: string, max: number, fallback = "—"): string {
  const trimmed = text.trim();
  if (trimmed === "") return fallback;
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}
