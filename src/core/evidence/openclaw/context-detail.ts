import type { ExtractContext, Extractor } from "../extractor.js";
import type { Evidence, RequestSizeEvidence } from "../types.js";
import { lineAt, signal, sourceAt } from "./signals.js";

/** "13,158" → 13158. */
const int = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const n = Number(text.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
};

const N = String.raw`([\d,]+)`;
const SYSTEM = new RegExp(
  String.raw`System prompt \(run\): ${N} chars \(~${N} tok\)(?: \(Project Context ${N} chars \(~${N} tok\)\))?`,
  "u",
);
const SKILLS = new RegExp(
  String.raw`Skills list \(system prompt text\): ${N} chars \(~${N} tok\)(?: \((\d+) skills\))?`,
  "u",
);
const TOOL_SCHEMAS = new RegExp(String.raw`Tool schemas \(JSON\): ${N} chars \(~${N} tok\)`, "u");
const TRACKED = new RegExp(String.raw`Tracked prompt estimate: ${N} chars \(~${N} tok\)`, "u");
const FILE = new RegExp(
  String.raw`^\s*- ([^\s:]+): (OK|MISSING|TRUNCATED|NATIVE/UNVERIFIED)(?: \| raw ${N} chars \(~${N} tok\))?`,
  "gmu",
);
const TOP_TOOL = new RegExp(String.raw`^\s*- ([\w.-]+): ${N} chars \(~${N} tok\)`, "mu");
const OVER_LIMITS = /⚠ Bootstrap context is over configured limits[^\n]*/u;

interface Part {
  name: "system_prompt" | "tool_schemas" | "history";
  tokens: number;
}

const SIGNAL_OF = {
  system_prompt: "system_prompt_dominates",
  tool_schemas: "tool_schemas_dominate",
  history: "history_dominates",
} as const;

/**
 * The largest part of the request, when it is at least half of it: that is what to trim first
 * (tool schemas → `tools.byProvider.<p>.profile`; transcript → `/compact` or `/new`; system prompt →
 * the workspace files and skills OpenClaw injects).
 */
function dominant(
  parts: Part[],
  total: number,
  details: Record<Part["name"], string>,
  ctx: ExtractContext,
  line: number,
): Evidence[] {
  const largest = [...parts].sort((a, b) => b.tokens - a.tokens)[0];
  if (!largest || total <= 0 || largest.tokens < total / 2) return [];
  const share = Math.round((100 * largest.tokens) / total);
  return [
    signal(
      ctx,
      SIGNAL_OF[largest.name],
      `~${largest.tokens} of ~${total} tokens (${share}%): ${details[largest.name]}`,
      line,
    ),
  ];
}

/** `/context detail` and `/context list`: what each part of the prompt costs, in OpenClaw's own estimate. */
export const openclawContextDetailExtractor: Extractor = (text, ctx) => {
  if (!/Context breakdown|Tracked prompt estimate|Tool schemas \(JSON\)/u.test(text)) return [];
  const out: Evidence[] = [];
  const size = (m: RegExpExecArray | null, what: RequestSizeEvidence["what"]): number | null => {
    const tokens = int(m?.[2]);
    if (m && tokens !== null)
      out.push({
        kind: "request_size",
        source: sourceAt(ctx, lineAt(text, m.index)),
        tokens,
        what,
      });
    return tokens;
  };
  const systemMatch = SYSTEM.exec(text);
  const toolsMatch = TOOL_SCHEMAS.exec(text);
  const trackedMatch = TRACKED.exec(text);
  const system = size(systemMatch, "system_prompt");
  const tools = size(toolsMatch, "tool_schemas");
  const tracked = size(trackedMatch, "context");
  const line = lineAt(text, (trackedMatch ?? systemMatch ?? toolsMatch)?.index ?? 0);

  const files = [...text.matchAll(FILE)];
  const biggestFile = files
    .map((f) => ({ name: f[1] ?? "?", tokens: int(f[4]) ?? 0 }))
    .sort((a, b) => b.tokens - a.tokens)[0];
  const skills = SKILLS.exec(text);
  const topToolAt = text.indexOf("Top tools (schema size):");
  const topTool = topToolAt >= 0 ? TOP_TOOL.exec(text.slice(topToolAt)) : null;
  const details = {
    system_prompt: [
      systemMatch?.[4] ? `Project Context ~${systemMatch[4]} tok` : "",
      biggestFile && biggestFile.tokens > 0
        ? `largest workspace file ${biggestFile.name} ~${biggestFile.tokens} tok`
        : "",
      skills ? `skills list ~${skills[2]} tok${skills[3] ? ` (${skills[3]} skills)` : ""}` : "",
    ]
      .filter(Boolean)
      .join(", "),
    tool_schemas: topTool ? `largest schema ${topTool[1]} ~${topTool[3]} tok` : "tool schemas",
    history: "the session transcript",
  };
  if (system !== null || tools !== null) {
    const history = tracked !== null ? Math.max(0, tracked - (system ?? 0) - (tools ?? 0)) : 0;
    const parts: Part[] = [
      { name: "system_prompt", tokens: system ?? 0 },
      { name: "tool_schemas", tokens: tools ?? 0 },
      { name: "history", tokens: history },
    ];
    out.push(
      ...dominant(parts, tracked ?? parts.reduce((n, p) => n + p.tokens, 0), details, ctx, line),
    );
  }
  const truncated = files.filter((f) => f[2] === "TRUNCATED").map((f) => f[1]);
  const over = OVER_LIMITS.exec(text);
  if (over || truncated.length > 0)
    out.push(
      signal(
        ctx,
        "bootstrap_truncated",
        over ? over[0].replace(/^⚠\s*/u, "") : `truncated: ${truncated.join(", ")}`,
        lineAt(text, over?.index ?? 0),
      ),
    );
  return out;
};
