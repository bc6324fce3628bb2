/**
 * The shapes a paste takes on the way to a help thread, each as a function of the text: colours
 * and cursor moves from a terminal, a TUI's box, a terminal's hard wrap, JSON or shell escaping,
 * percent-encoding, Windows line ends, a key glued to the word before it.
 */
import fc from "fast-check";
import { CASES, type Positive } from "./cases.js";
import { createRng, type Rng } from "./prng.js";
import { tellTales } from "./rules.js";

const ESC = "\x1b";

export interface Presentation {
  name: string;
  /** `secret` is where the key stands in `text`, for the shapes that wrap just the key. */
  apply(text: string, secret: string, rng: Rng): string;
  /** Only for some secrets: a key glued to a word is one that names itself by its prefix. */
  fits?(p: Positive): boolean;
}

const around = (text: string, secret: string, before: string, after: string) =>
  text.replace(secret, `${before}${secret}${after}`);

/** A log line's head: terminals wrap long lines, and a key late in one is cut by the wrap. */
const LOG_HEAD = "2026-12-03T09:14:27.512Z  WARN  [provider-transport] request failed:";

function hardWrap(line: string, width: number): string[] {
  const rows: string[] = [];
  for (let at = 0; at < line.length; at += width) rows.push(line.slice(at, at + width));
  return rows.length > 0 ? rows : [""];
}

/** A width that cuts the key's line inside the key, not below `min` columns. */
function widthThrough(line: string, secret: string, rng: Rng, min: number): number {
  const at = line.indexOf(secret);
  if (at < 0) return Math.max(min, rng.int(min, min + 40));
  return Math.max(min, at + rng.int(1, secret.length - 1));
}

export const PRESENTATIONS: Presentation[] = [
  {
    name: "SGR colour",
    apply: (text, secret, rng) =>
      around(text, secret, `${ESC}[${rng.pick(["35", "1;33", "38;5;208", "2"])}m`, `${ESC}[0m`),
  },
  {
    name: "colour codes written out (JSON log)",
    apply: (text, secret) => around(text, secret, "\\u001b[36m", "\\u001b[39m"),
  },
  {
    name: "cursor moves and erase",
    apply: (text, secret) => `${ESC}[2K${ESC}[1G${around(text, secret, "", `${ESC}[K`)}`,
  },
  {
    name: "OSC 8 hyperlink",
    apply: (text, secret) =>
      around(text, secret, `${ESC}]8;;https://example.test/docs${ESC}\\`, `${ESC}]8;;${ESC}\\`),
  },
  { name: "CRLF", apply: (text) => text.replace(/\r?\n/g, "\r\n") },
  {
    name: "terminal hard wrap",
    apply: (text, secret, rng) => {
      const lines = text.split("\n").map((l) => (l.includes(secret) ? `${LOG_HEAD} ${l}` : l));
      const keyLine = lines.find((l) => l.includes(secret)) ?? "";
      const width = widthThrough(keyLine, secret, rng, 80);
      return lines.flatMap((l) => hardWrap(l, width)).join("\n");
    },
  },
  {
    name: "TUI box",
    apply: (text, secret, rng) => {
      const lines = text.split("\n");
      const keyLine = lines.find((l) => l.includes(secret)) ?? "";
      const width = widthThrough(keyLine, secret, rng, 40);
      const rows = lines.flatMap((l) => hardWrap(l, width));
      const rule = "─".repeat(width + 2);
      return [`╭${rule}╮`, ...rows.map((r) => `│ ${r.padEnd(width)} │`), `╰${rule}╯`].join("\n");
    },
  },
  { name: "JSON string", apply: (text) => JSON.stringify({ log: text }) },
  {
    name: "JSON in JSON",
    apply: (text) => JSON.stringify({ body: JSON.stringify({ log: text }) }),
  },
  {
    // Gson escapes = and ' as well as the HTML characters Go's encoder escapes.
    name: "\\u00xx escapes (Gson, Go)",
    apply: (text) =>
      JSON.stringify(text).replace(/[=&<>']/g, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`),
  },
  {
    name: "shell double quotes",
    apply: (text) => `echo "${text.replace(/["\\$`]/g, (ch) => `\\${ch}`)}"`,
  },
  {
    name: "percent-encoded query value",
    apply: (text) => `GET /oauth/cb?state=${encodeURIComponent(text)}&x=1`,
  },
  {
    name: "glued to the word before",
    apply: (text, secret, rng) =>
      around(text, secret, `cfg${rng.pick(["_", "=", ":", '"', "'"])}`, ""),
    fits: (p) => p.keep !== "",
  },
];

const byName = (name: string): Presentation => {
  const found = PRESENTATIONS.find((p) => p.name === name);
  if (!found) throw new Error(`no presentation ${name}`);
  return found;
};

/**
 * Combinations in the order a paste goes through them: a key glued in a config, coloured by a
 * logger, escaped into JSON, a shell line or a URL, saved on Windows, shown in a terminal or a
 * TUI box.
 */
const LAYERS: string[][] = [
  ["glued to the word before"],
  [
    "SGR colour",
    "colour codes written out (JSON log)",
    "cursor moves and erase",
    "OSC 8 hyperlink",
  ],
  [
    "JSON string",
    "JSON in JSON",
    "\\u00xx escapes (Gson, Go)",
    "shell double quotes",
    "percent-encoded query value",
  ],
  ["CRLF"],
  ["terminal hard wrap", "TUI box"],
];

/** A shell line is typed and a URL is built, so neither carries a terminal's codes. */
const UNCOLOURED = new Set(["shell double quotes", "percent-encoded query value"]);
const COLOURS = new Set(LAYERS[1]);

function stack(chosen: ReadonlyArray<string | undefined>, p: Positive): string[] {
  const names = chosen.filter((n): n is string => n !== undefined);
  const coloured = names.some((n) => COLOURS.has(n));
  return names
    .filter((n) => !(coloured && UNCOLOURED.has(n)))
    .filter((n) => byName(n).fits?.(p) ?? true);
}

export interface StackedPaste {
  text: string;
  positive: Positive;
  /** The case and its presentations, for failure messages. */
  shown: string;
}

/** A secret of the corpus in its realistic context, then in a stack of presentations. */
export const stackedPaste: fc.Arbitrary<StackedPaste> = fc
  .tuple(
    fc.nat(CASES.length - 1),
    fc.nat(),
    fc.tuple(...LAYERS.map((names) => fc.option(fc.constantFrom(...names), { nil: undefined }))),
  )
  .map(([index, seed, chosen]) => {
    const rng = createRng(seed);
    const positive = CASES[index]?.positive(rng);
    if (!positive) throw new Error(`no case ${index}`);
    const names = stack(chosen, positive);
    const text = names.reduce(
      (t, name) => byName(name).apply(t, positive.secret, rng),
      positive.text,
    );
    return { text, positive, shown: `${CASES[index]?.id} in ${names.join(" + ") || "plain text"}` };
  });

/** Whether any tell-tale part of the secret (its middle or tail) is still readable in `output`. */
export function leaks(output: string, secret: string): boolean {
  const plain = plainly(output);
  return tellTales(secret).some((fragment) => plain.includes(plainly(fragment)));
}

/** Reads presentation away, independently of the code under test, to find what is left of a key. */
export function plainly(text: string): string {
  // Layout first, as a wrap may cut through an escape (`\\u00⏎1b`); then escapes, then layout again.
  const layout = /[\s│╭╮╰╯─]+/g;
  let plain = text.replace(layout, "");
  for (let i = 0; i < 3; i++) {
    plain = plain
      .replace(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC and BEL are what it strips.
        /(?:\x1b|\\+u001b)(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\\]*(?:\x1b\\|\\+u001b\\+\\)?)/gi,
        "",
      )
      .replace(/\\+u([0-9a-f]{4})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      )
      .replace(/\\+([nrt])/g, (_, ch: string) => ({ n: "\n", r: "\r", t: "\t" })[ch] ?? ch)
      .replace(/\\+(["'$`/\\])/g, "$1")
      .replace(/%(?:25)*([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
  }
  return plain.replace(layout, "");
}
