import type { Extractor } from "../extractor.js";
import type { Evidence } from "../types.js";
import { authStateEvidence, type ProfileCounts, type UnusableProfile } from "./auth-state.js";
import { modelConfigEvidence } from "./model-config.js";
import { type ProbeResult, probeEvidence } from "./probe-signals.js";
import { lineAt } from "./signals.js";

/** "146s", "3.7s", "1m", "4m 30s", "2h" → ms. */
export function shortDurationMs(text: string): number | null {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)\b/g)];
  if (parts.length === 0) return null;
  let ms = 0;
  for (const [, n, unit] of parts) {
    const scale = unit === "ms" ? 1 : unit === "s" ? 1000 : unit === "h" ? 3_600_000 : 60_000;
    ms += Number(n) * scale;
  }
  return Math.round(ms);
}

const DEFAULT = /^\s*Default\s*:\s*(\S+)/mu;
const FALLBACKS = /^\s*Fallbacks \(\d+\)\s*:\s*(.+)$/mu;
const PROVIDER = /^- ([\w.-]+) effective=([\w.]+)[^\n]*$/gmu;
const UNAVAILABLE = /^- (\S+) \(([\w.-]+)\) ([\w-]+):([\w-]+)(?: \(([^)]+)\))?/gmu;
const PROFILE_COOLDOWN = /(\S+)=\S+ \[cooldown ([^\]]+)\]/gu;

function authSources(text: string): {
  sources: Array<{ provider: string; source: string }>;
  counts: ProfileCounts[];
} {
  const sources: Array<{ provider: string; source: string }> = [];
  const counts: ProfileCounts[] = [];
  for (const m of text.matchAll(PROVIDER)) {
    const provider = m[1] ?? "";
    const line = m[0];
    const source = /\| source=([^|\n]+)/u.exec(line)?.[1]?.trim();
    const profiles = /profiles=(\d+) \((\d+) oauth, (\d+) token, (\d+) api-key\)/u.exec(line);
    sources.push({
      provider,
      source:
        source ??
        (profiles
          ? `profiles (${profiles[1]}: ${profiles[2]} oauth, ${profiles[3]} token, ${profiles[4]} api-key)`
          : (m[2] ?? "?")),
    });
    if (profiles)
      counts.push({
        provider,
        count: Number(profiles[1]),
        oauth: Number(profiles[2]),
        token: Number(profiles[3]),
        apiKey: Number(profiles[4]),
      });
  }
  return { sources, counts };
}

function unusableProfiles(text: string): UnusableProfile[] {
  const section = text.indexOf("Unavailable auth profiles");
  const out: UnusableProfile[] = [];
  if (section >= 0) {
    for (const m of text.slice(section).matchAll(UNAVAILABLE)) {
      out.push({
        provider: m[2] ?? null,
        profileId: m[1] ?? null,
        kind: m[3] ?? null,
        reason: m[4] ?? null,
        remainingMs: m[5] ? shortDurationMs(m[5]) : null,
      });
    }
    return out;
  }
  // Without the section, the provider line still marks a profile "[cooldown 1m]".
  for (const m of text.matchAll(PROFILE_COOLDOWN)) {
    const profileId = m[1] ?? null;
    out.push({
      provider: profileId?.split(":")[0] ?? null,
      profileId,
      kind: "cooldown",
      reason: null,
      remainingMs: m[2] ? shortDurationMs(m[2]) : null,
    });
  }
  return out;
}

/** The boxed `Auth probes` table: a row per target, its error wrapped over continuation rows. */
function probeRows(text: string): Array<{ probe: ProbeResult; index: number }> {
  const start = text.indexOf("Auth probes");
  if (start < 0) return [];
  const rows: Array<{ probe: ProbeResult; index: number }> = [];
  let offset = start;
  for (const raw of text.slice(start).split("\n")) {
    const index = offset;
    offset += raw.length + 1;
    if (!raw.startsWith("│")) {
      if (/^Probed \d+ target/u.test(raw)) break;
      continue;
    }
    const cells = raw
      .split("│")
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 3 || cells[0] === "Model") continue;
    const [model, , status] = cells as [string, string, string];
    if (model !== "") {
      const m = /^([\w-]+)(?:\s*·\s*(.+))?$/u.exec(status);
      rows.push({
        probe: {
          provider: model.split("/")[0] ?? null,
          model,
          status: m?.[1] ?? "unknown",
          error: null,
          latencyMs: m?.[2] ? shortDurationMs(m[2]) : null,
        },
        index,
      });
    } else if (status !== "") {
      const last = rows[rows.length - 1];
      if (last)
        last.probe.error = `${last.probe.error ? `${last.probe.error} ` : ""}${status.replace(/^↳\s*/u, "")}`;
    }
  }
  return rows;
}

/** `openclaw models status` and `--probe` as printed (console log lines interleaved are ignored here). */
export const openclawModelsStatusPlainExtractor: Extractor = (text, ctx) => {
  if (!/Auth overview|Unavailable auth profiles|Auth probes|^\s*Default\s*:/mu.test(text))
    return [];
  const out: Evidence[] = [];
  const defaultMatch = DEFAULT.exec(text);
  const fallbackMatch = FALLBACKS.exec(text);
  const { sources, counts } = authSources(text);
  if (defaultMatch || fallbackMatch || sources.length > 0) {
    const fallbacks = (fallbackMatch?.[1] ?? "-").trim();
    out.push(
      ...modelConfigEvidence(
        {
          defaultModel: defaultMatch?.[1] ?? null,
          fallbacks: fallbacks === "-" ? [] : fallbacks.split(/,\s*/u).filter(Boolean),
          authSources: sources,
        },
        ctx,
        lineAt(text, defaultMatch?.index ?? fallbackMatch?.index ?? 0),
      ),
    );
  }
  const unusable = unusableProfiles(text);
  if (unusable.length > 0) {
    const at = text.indexOf("Unavailable auth profiles");
    out.push(...authStateEvidence(unusable, counts, [], ctx, lineAt(text, Math.max(at, 0))));
  }
  for (const { probe, index } of probeRows(text))
    out.push(...probeEvidence(probe, ctx, lineAt(text, index), null));
  return out;
};
