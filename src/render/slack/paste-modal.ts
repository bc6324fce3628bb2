import { clip, context, LIMITS, type ModalView, plain } from "./block-kit.js";
import { PASTE_DETAILS_VIEW, PASTE_FIELDS } from "./ids.js";

function input(
  id: string,
  label: string,
  placeholder: string,
  multiline: boolean,
): ModalView["blocks"][number] {
  return {
    type: "input",
    block_id: id,
    optional: true,
    label: plain(label),
    element: {
      type: "plain_text_input",
      action_id: id,
      multiline,
      max_length: LIMITS.inputMaxLength,
      placeholder: plain(placeholder),
    },
  };
}

/**
 * The "Paste details" form: the three things the engine most often asks for. `metadata` carries
 * where the answer goes (the adapter's JSON); Slack returns it untouched on submission.
 */
export function renderPasteModal(metadata: string): ModalView {
  return {
    type: "modal",
    callback_id: PASTE_DETAILS_VIEW,
    title: plain("Paste details", LIMITS.modalTitle),
    submit: plain("Triage"),
    close: plain("Cancel"),
    private_metadata: clip(metadata, LIMITS.privateMetadata),
    blocks: [
      context(
        "Paste what you have; any field may stay empty. API keys and tokens are removed before anything is stored or posted.",
      ),
      input(PASTE_FIELDS.version, "Tool version", "openclaw --version", false),
      input(
        PASTE_FIELDS.rawError,
        "Raw error",
        "The full error with status and body, e.g. from openclaw logs --follow --json",
        true,
      ),
      input(PASTE_FIELDS.modelsStatus, "Models status", "openclaw models status --probe", true),
    ],
  };
}
