/**
 * The Block Kit shapes we render, and Slack's limits for them. Kept here rather than imported
 * from the SDK so the renderers stay free of platform packages; the shapes are structurally
 * what @slack/types expects.
 * Limits: https://docs.slack.dev/reference/block-kit/blocks (checked 2026-11).
 */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionField: 2000,
  sectionFields: 10,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  modalTitle: 24,
  privateMetadata: 3000,
  inputMaxLength: 3000,
  /** Not documented for rich_text; kept at the section limit so a block is never refused. */
  preformatted: 3000,
} as const;

export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: "mrkdwn";
  text: string;
}

export interface Button {
  type: "button";
  action_id: string;
  text: PlainText;
  value?: string;
  url?: string;
  style?: "primary" | "danger";
}

export interface PlainTextInput {
  type: "plain_text_input";
  action_id: string;
  multiline?: boolean;
  placeholder?: PlainText;
  initial_value?: string;
  max_length?: number;
}

export type Block =
  | { type: "header"; text: PlainText; block_id?: string }
  | { type: "section"; text: Mrkdwn; fields?: Mrkdwn[]; block_id?: string }
  | { type: "context"; elements: Mrkdwn[]; block_id?: string }
  | { type: "divider"; block_id?: string }
  | { type: "actions"; elements: Button[]; block_id?: string }
  | {
      type: "rich_text";
      block_id?: string;
      elements: Array<
        | { type: "rich_text_preformatted"; elements: Array<{ type: "text"; text: string }> }
        | RichSection
        | RichList
      >;
    }
  | {
      type: "input";
      block_id: string;
      label: PlainText;
      element: PlainTextInput;
      optional?: boolean;
      hint?: PlainText;
    };

/** Rich text is literal: its text is never read as markup, its styles are fields. */
export type RichElement =
  | { type: "text"; text: string; style?: { bold?: true; code?: true; strike?: true } }
  | { type: "link"; url: string; text: string }
  | { type: "user"; user_id: string };

export interface RichSection {
  type: "rich_text_section";
  elements: RichElement[];
}

export interface RichList {
  type: "rich_text_list";
  style: "bullet" | "ordered";
  offset?: number;
  elements: RichSection[];
}

export interface ModalView {
  type: "modal";
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
  blocks: Block[];
}

export interface HomeView {
  type: "home";
  blocks: Block[];
}

/** A message as chat.postMessage / chat.update take it: `text` is the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function plain(text: string, max: number = LIMITS.headerText): PlainText {
  return { type: "plain_text", text: clip(text, max), emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): Mrkdwn {
  return { type: "mrkdwn", text: clip(text, max) };
}

export function section(text: string): Block {
  return { type: "section", text: mrkdwn(text) };
}

export function context(...texts: string[]): Block {
  return {
    type: "context",
    elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t, LIMITS.sectionField)),
  };
}

export function button(
  actionId: string,
  text: string,
  value: string,
  style?: "primary" | "danger",
): Button {
  return {
    type: "button",
    action_id: actionId,
    text: plain(text, LIMITS.buttonText),
    value: clip(value, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/** A code block; Slack refuses an empty text element, so an empty command still shows as one. */
export function preformatted(code: string): Block {
  const text = code.replace(/\s+$/u, "") || " ";
  return {
    type: "rich_text",
    elements: [
      {
        type: "rich_text_preformatted",
        elements: [{ type: "text", text: clip(text, LIMITS.preformatted) }],
      },
    ],
  };
}
