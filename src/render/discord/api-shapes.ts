/**
 * The Discord API JSON this renderer produces, typed by hand so src/render stays free of
 * discord.js (a pure layer, see biome.json). Field names and numbers are Discord's
 * (developers/docs: message components, embeds, interactions); discord.js accepts them as they are.
 */
export const ComponentType = { ActionRow: 1, Button: 2, TextInput: 4 } as const;
export const ButtonStyle = { Primary: 1, Secondary: 2, Success: 3, Danger: 4, Link: 5 } as const;
export const TextInputStyle = { Short: 1, Paragraph: 2 } as const;

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Embed {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields?: EmbedField[];
  footer?: { text: string };
}

export interface Button {
  type: typeof ComponentType.Button;
  style: (typeof ButtonStyle)[keyof typeof ButtonStyle];
  label: string;
  custom_id?: string;
  url?: string;
  disabled?: boolean;
}

export interface TextInput {
  type: typeof ComponentType.TextInput;
  custom_id: string;
  style: (typeof TextInputStyle)[keyof typeof TextInputStyle];
  label: string;
  placeholder?: string;
  required?: boolean;
  max_length?: number;
}

export interface ActionRow<T> {
  type: typeof ComponentType.ActionRow;
  components: T[];
}

export interface Modal {
  custom_id: string;
  title: string;
  components: Array<ActionRow<TextInput>>;
}

/** One message to post: at most 2000 characters of content, embeds and button rows. */
export interface MessagePart {
  content: string;
  embeds: Embed[];
  components: Array<ActionRow<Button>>;
}
