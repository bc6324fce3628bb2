import { withHoles } from "./holes.js";
import { REDACTED } from "./marker.js";
import { type Candidate, mergeSpans } from "./merge-spans.js";
import { presentationEdits } from "./presentation.js";
import { presentationViews } from "./presentation-view.js";
import { redactedView } from "./redacted-view.js";
import type { Edit, SecretRule, SecretSpan } from "./types.js";
import { isSecretValue } from "./value-checks.js";

/** A kept prefix longer than this would start to show the secret itself. */
const MAX_KEEP = 16;

/** Rescans of the redacted text; one is almost always enough, the bound keeps it finite. */
const MAX_RESCANS = 3;

const scanners = new WeakMap<RegExp, RegExp>();

/** Rules compiled by the loader are already global and `d`-flagged; hand-made ones get a copy. */
function scannerFor(pattern: RegExp): RegExp {
  if (pattern.global && pattern.hasIndices) return pattern;
  let scanner = scanners.get(pattern);
  if (!scanner) {
    const flags = new Set([...pattern.flags, "g", "d"]);
    scanner = new RegExp(pattern.source, [...flags].join(""));
    scanners.set(pattern, scanner);
  }
  return scanner;
}

function keepLength(rule: SecretRule, match: RegExpExecArray, start: number, end: number): number {
  const keep = match.indices?.groups?.keep;
  const wanted = keep && keep[0] === start ? keep[1] - keep[0] : rule.keepPrefix;
  return Math.max(0, Math.min(wanted, MAX_KEEP, end - start - 1));
}

/**
 * The keyword name a generic rule anchored on: group `name`, or, for keyword-first patterns, the
 * text from group `prefix` (inside a look-behind) through `keyword` to `suffix`.
 */
function nameOf(text: string, match: RegExpExecArray): string | undefined {
  if (match.groups?.name !== undefined) return match.groups.name;
  const groups = match.indices?.groups;
  const keyword = groups?.keyword;
  if (!keyword) return undefined;
  return text.slice(groups.prefix?.[0] ?? keyword[0], groups.suffix?.[1] ?? keyword[1]);
}

/**
 * Every match of every rule whose keywords occur; each rule scans the text once, and a rejected
 * match resumes after itself, which keeps keyword-anchored rules linear on adversarial input.
 */
export function scanCandidates(text: string, rules: readonly SecretRule[]): Candidate[] {
  const candidates: Candidate[] = [];
  let lower: string | undefined;
  rules.forEach((rule, priority) => {
    if (rule.keywords) {
      lower ??= text.toLowerCase();
      const folded = lower;
      if (!rule.keywords.some((k) => folded.includes(k))) return;
    }
    const scanner = scannerFor(rule.pattern);
    scanner.lastIndex = 0;
    for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
      if (m[0].length === 0) {
        scanner.lastIndex = m.index + 1;
        continue;
      }
      const [start, end] = m.indices?.groups?.secret ?? [m.index, m.index + m[0].length];
      if (end <= start) continue;
      if (!isSecretValue(rule, text.slice(start, end), nameOf(text, m))) continue;
      candidates.push({ start, end, keep: keepLength(rule, m, start, end), rule, priority });
    }
  });
  return candidates;
}

/**
 * Matches that only show once presentation is read away (a coloured key, a wrapped one, an
 * escaped `=`), mapped back onto `text`.
 */
function scanPresentations(
  text: string,
  rules: readonly SecretRule[],
  edits?: readonly Edit[],
): Candidate[] {
  return presentationViews(text, edits).flatMap((view) =>
    scanCandidates(view.text, rules).map((c) => view.toSource(c)),
  );
}

/** Lines either side of a marker that a wrap may join to the marker's own line. */
const MARKER_CONTEXT_LINES = 2;

function linesBefore(text: string, at: number, lines: number): number {
  let p = at;
  for (let i = 0; i <= lines; i++) {
    const nl = text.lastIndexOf("\n", p - 1);
    if (nl === -1) return 0;
    p = nl;
  }
  return p + 1;
}

function linesAfter(text: string, at: number, lines: number): number {
  let p = at - 1;
  for (let i = 0; i <= lines; i++) {
    const nl = text.indexOf("\n", p + 1);
    if (nl === -1) return text.length;
    p = nl;
  }
  return p;
}

/**
 * Presentation matches in a redacted text, looked for only on the lines around its markers:
 * everywhere else it is the source text, whose presentation was read already.
 */
function scanPresentationsNearMarkers(text: string, rules: readonly SecretRule[]): Candidate[] {
  const found: Candidate[] = [];
  const scan = (from: number, to: number) => {
    for (const c of scanPresentations(text.slice(from, to), rules))
      found.push({ ...c, start: c.start + from, end: c.end + from });
  };
  let region: [number, number] | undefined;
  for (let at = text.indexOf(REDACTED); at !== -1; at = text.indexOf(REDACTED, at + 1)) {
    // Inside the region already: looking for its lines again would cost a long line's square.
    if (region && at < region[1]) continue;
    const from = linesBefore(text, at, MARKER_CONTEXT_LINES);
    const to = linesAfter(text, at, MARKER_CONTEXT_LINES);
    if (region && from <= region[1]) region[1] = Math.max(region[1], to);
    else {
      if (region) scan(region[0], region[1]);
      region = [from, to];
    }
  }
  if (region) scan(region[0], region[1]);
  return found;
}

/**
 * Every secret in `text`, merged and sorted. A redaction changes its neighbours' context (a
 * marker ends a token, so a secret glued to another one can start matching), so the redacted
 * text is scanned again and what it finds is mapped back and merged, until nothing new turns
 * up: redacting the result again then finds nothing, which is what makes `redact` idempotent.
 */
export function findSecrets(text: string, rules: readonly SecretRule[]): SecretSpan[] {
  const edits = presentationEdits(text);
  let candidates = scanCandidates(text, rules).concat(scanPresentations(text, rules, edits));
  let spans = withHoles(mergeSpans(candidates), edits);
  for (let pass = 0; pass < MAX_RESCANS && spans.length > 0; pass++) {
    const view = redactedView(text, spans);
    const extra = scanCandidates(view.text, rules).concat(
      scanPresentationsNearMarkers(view.text, rules),
    );
    if (extra.length === 0) break;
    candidates = candidates.concat(extra.map((c) => view.toSource(c)));
    spans = withHoles(mergeSpans(candidates), edits);
  }
  return spans;
}
