/** Reading what the bot sent: action ids and text out of recorded Block Kit payloads. */
type AnyBlock = {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: unknown[];
};

export function blocksOf(params: Record<string, unknown>): AnyBlock[] {
  const blocks = params.blocks ?? (params.view as { blocks?: unknown } | undefined)?.blocks;
  return Array.isArray(blocks) ? (blocks as AnyBlock[]) : [];
}

export function actionIds(params: Record<string, unknown>): string[] {
  return blocksOf(params)
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements ?? []) as Array<{ action_id: string }>)
    .map((e) => e.action_id);
}

/** All visible text of the blocks: sections, fields, context and rich-text code. */
export function textOf(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (typeof o.text === "string") parts.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== "text" || typeof v !== "string") walk(v);
    }
  };
  walk(blocksOf(params));
  return parts.join("\n");
}
