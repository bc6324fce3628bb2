/**
 * Lower-case literals of which every match of a case-insensitive pattern contains at least one,
 * or null when the pattern promises none. `\b(?:requests?|req|calls?)/s\b` needs "req" or
 * "call"; a text holding none of them skips the pattern without running (or compiling) it.
 *
 * Conservative by construction: anything not understood (classes, `.`, escapes like `\d`,
 * backreferences, cased non-ASCII letters) ends a literal, never extends it. Literals keep ASCII
 * and caseless characters only, so `text.toLowerCase()` (with ſ folded to s, the one non-ASCII
 * letter that folds to ASCII and does not lower-case to it) contains a literal whenever the
 * pattern matches, with or without the `u` flag.
 */
export function requiredLiterals(source: string): string[] | null {
  const parser = new Parser(source);
  const result = parser.disjunction();
  return parser.at === source.length ? result : null;
}

/** The text to look literals up in: what `requiredLiterals` promises holds for. */
export function literalHaystack(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes("ſ") ? lower.replaceAll("ſ", "s") : lower;
}

/**
 * For one text: whether a pattern needing one of `needs` may match it (always, without needs).
 * The text is lower-cased once, on the first question.
 */
export function literalGate(
  text: string,
): (needs: readonly string[] | null | undefined) => boolean {
  let haystack: string | undefined;
  return (needs) => {
    if (!needs) return true;
    haystack ??= literalHaystack(text);
    const lower = haystack;
    return needs.some((literal) => lower.includes(literal));
  };
}

const SYNTAX = new Set([..."^$\\.*+?()[]{}|"]);

/** A character a literal may hold: one that matches only itself, up to ASCII case. */
function literalChar(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  if (code < 0x80) return code >= 0x20 && code < 0x7f;
  return c.toLowerCase() === c && c.toUpperCase() === c;
}

/** The better of two requirements: the one whose shortest literal is longer. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  if (!a) return b;
  if (!b) return a;
  const score = (s: string[]) => Math.min(...s.map((l) => l.length)) - s.length / 1000;
  return score(b) > score(a) ? b : a;
}

class Parser {
  at = 0;
  constructor(private readonly s: string) {}

  disjunction(): string[] | null {
    const alternatives = [this.alternative()];
    while (this.s[this.at] === "|") {
      this.at++;
      alternatives.push(this.alternative());
    }
    if (alternatives.some((a) => a === null)) return null;
    return [...new Set(alternatives.flat() as string[])];
  }

  /** Terms up to `|`, `)` or the end; the best requirement among its literal runs and groups. */
  private alternative(): string[] | null {
    let best: string[] | null = null;
    let run = "";
    const flush = () => {
      if (run) best = better(best, [run.toLowerCase()]);
      run = "";
    };
    while (this.at < this.s.length && this.s[this.at] !== "|" && this.s[this.at] !== ")") {
      const c = this.s[this.at] as string;
      if (c === "^" || c === "$") {
        this.at++; // zero-width: the run goes on
        continue;
      }
      if (c === "\\" && (this.s[this.at + 1] === "b" || this.s[this.at + 1] === "B")) {
        this.at += 2;
        continue;
      }
      if (c === "(") {
        const lookaround = /^\(\?<?[=!]/.test(this.s.slice(this.at, this.at + 4));
        this.at += this.groupPrefixLength();
        const inner = this.disjunction();
        if (this.s[this.at] !== ")") return this.fail();
        this.at++;
        if (lookaround) continue; // zero-width, and not required to hold as a literal
        flush();
        const min = this.quantifier();
        if (min === null) return this.fail();
        if (min > 0) best = better(best, inner);
        continue;
      }
      const literal = this.literal();
      if (literal === undefined) return this.fail();
      const min = this.quantifier();
      if (min === null) return this.fail();
      if (literal === null || min === 0) {
        flush();
        continue;
      }
      run += literal;
      if (min !== 1 || this.quantified) flush();
    }
    flush();
    return best;
  }

  /** Set by `quantifier`: whether the last atom had one (then a run cannot go on past it). */
  private quantified = false;

  private fail(): null {
    this.at = Number.POSITIVE_INFINITY;
    return null;
  }

  private groupPrefixLength(): number {
    const is = (prefix: string) => this.s.startsWith(prefix, this.at);
    if (is("(?:") || is("(?=") || is("(?!")) return 3;
    if (is("(?<=") || is("(?<!")) return 4;
    if (is("(?<")) {
      const end = this.s.indexOf(">", this.at);
      return end < 0 ? this.s.length : end - this.at + 1;
    }
    if (is("(?")) return this.s.length; // modifiers and the like: not understood
    return 1;
  }

  /**
   * One atom that is not a group: its lower-case character when it matches only that (up to
   * case), null for anything else (class, `.`, `\d`...), undefined when not understood.
   */
  private literal(): string | null | undefined {
    const c = this.s[this.at] as string;
    if (c === "[") {
      for (let i = this.at + 1; i < this.s.length; i++) {
        if (this.s[i] === "\\") i++;
        else if (this.s[i] === "]" && i > this.at + 1) {
          this.at = i + 1;
          return null;
        }
      }
      return undefined;
    }
    if (c === "\\") {
      const e = this.s[this.at + 1];
      if (e === undefined) return undefined;
      if (e === "p" || e === "P" || e === "k") {
        const end = this.s.indexOf(e === "k" ? ">" : "}", this.at);
        if (end < 0) return undefined;
        this.at = end + 1;
        return null;
      }
      if (e === "u" || e === "x" || e === "c") {
        const m = /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z])/.exec(
          this.s.slice(this.at, this.at + 12),
        );
        if (!m) return undefined;
        this.at += m[0].length;
        return null;
      }
      this.at += 2;
      return /[A-Za-z0-9]/.test(e) ? null : literalChar(e) ? e : null;
    }
    if (c === "{" || c === "}" || c === "]" || c === "*" || c === "+" || c === "?")
      return undefined;
    this.at++;
    if (c === ".") return null;
    return SYNTAX.has(c) || !literalChar(c) ? null : c;
  }

  /** Reads an optional quantifier: the least number of repeats (1 without one), null if malformed. */
  private quantifier(): number | null {
    const c = this.s[this.at];
    let min = 1;
    this.quantified = true;
    if (c === "*" || c === "?") {
      min = 0;
      this.at++;
    } else if (c === "+") this.at++;
    else if (c === "{") {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.s.slice(this.at));
      if (!m) return null;
      min = Number(m[1]);
      this.at += m[0].length;
    } else {
      this.quantified = false;
      return 1;
    }
    if (this.s[this.at] === "?") this.at++;
    return min;
  }
}
