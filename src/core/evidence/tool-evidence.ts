import type { ExtractContext, Extractor } from "./extractor.js";
import type { Evidence } from "./types.js";

const refPatterns = new WeakMap<object, RegExp>();

/** One pattern for every provider's ref prefix, compiled once per knowledge base. */
function refPattern(ctx: ExtractContext): RegExp {
  let pattern = refPatterns.get(ctx.kb.providers);
  if (!pattern) {
    const escapeRegExp = (p: string) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    const prefixes = ctx.kb.providers.flatMap((p) => p.refPrefixes).map(escapeRegExp);
    pattern = new RegExp(`(?:^|[\\s"'\`(])(?:${prefixes.join("|")})[a-z0-9]`, "i");
    refPatterns.set(ctx.kb.providers, pattern);
  }
  return pattern;
}

/** "google/gemini-2.5-flash": a provider-prefixed model ref is how agent tools name models. */
function namesModelRef(text: string, ctx: ExtractContext): boolean {
  return refPattern(ctx).test(text);
}

/** Which tool is in use, its version, and its rewritten errors, all from data/tools.json. */
export const toolExtractor: Extractor = (text, ctx) => {
  const out: Evidence[] = [];
  // A weak guess only: enough to ask "which tool and version?", never to assume OpenClaw's commands.
  const refTool = ctx.kb.tools.find((t) => t.usesModelRefs);
  if (refTool && namesModelRef(text, ctx))
    out.push({ kind: "tool_mention", source: ctx.source, tool: refTool.id, strength: 0.3 });
  for (const tool of ctx.kb.tools) {
    const strength = Math.max(
      0,
      ...tool.markers.filter((m) => m.pattern.test(text)).map((m) => m.strength),
    );
    if (strength > 0)
      out.push({ kind: "tool_mention", source: ctx.source, tool: tool.id, strength });
    for (const pattern of tool.versionPatterns) {
      const m = pattern.exec(text);
      const version = m?.groups?.version;
      if (!version) continue;
      // A bare "2026.2.24" line only counts when the message is about this tool.
      if (strength === 0 && !pattern.source.toLowerCase().includes(tool.id.replace("-", "")))
        continue;
      out.push({
        kind: "tool_version",
        source: ctx.source,
        tool: tool.id,
        version,
        commit: m.groups?.commit ?? null,
      });
      break;
    }
    for (const rewrite of tool.rewrites) {
      const m = rewrite.pattern.exec(text);
      if (m)
        out.push({
          kind: "rewritten_error",
          source: ctx.source,
          tool: tool.id,
          text: m[0].trim(),
          reason: rewrite.reason,
        });
    }
  }
  return out;
};
