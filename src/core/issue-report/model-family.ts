/**
 * Suffixes that name a build of a model rather than another model: dated snapshots, previews,
 * `-latest` aliases and OpenRouter's `:free` variants share limits and bugs with their family.
 */
const BUILD_SUFFIXES: readonly RegExp[] = [
  /:[a-z0-9-]+$/, // openrouter ":free", ":beta"
  /@\d{8}$/, // vertex "claude-3-5-sonnet@20240620"
  /-(?:preview|exp|experimental)(?:-\d{2,4}(?:-\d{2}){0,2})?$/, // "-preview-04-17", "-exp-1206"
  /-latest$/,
  /-\d{4}-\d{2}-\d{2}$/, // "gpt-4o-2024-08-06"
  /-\d{8}$/, // "claude-3-5-sonnet-20241022"
  /-\d{3,4}$/, // "grok-4-0709", "gemini-1.5-pro-002"
];

/** The model without its provider prefix and build suffixes: "google/gemini-3-flash-preview" → "gemini-3-flash". */
export function modelFamily(model: string | null): string {
  if (!model) return "any";
  let name = model.trim().toLowerCase();
  name = name.slice(name.lastIndexOf("/") + 1);
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of BUILD_SUFFIXES) {
      const next = name.replace(suffix, "");
      if (next !== name && next.length > 0) {
        name = next;
        changed = true;
      }
    }
  }
  return name || "any";
}
