/** A seeded PRNG (mulberry32) so generated true positives are the same on every run. */
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  string(charset: string, length: number): string;
}

export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const URLSAFE = `${ALNUM}_-`;
export const HEX = "0123456789abcdef";
export const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const BASE64 = `${ALNUM}+/`;

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    string: (charset, length) => {
      let out = "";
      for (let i = 0; i < length; i++) out += charset[int(0, charset.length - 1)];
      return out;
    },
  };
}

/** A random string over `charset` that has at least one letter and one digit, as real keys do. */
export function keyString(rng: Rng, charset: string, length: number): string {
  for (;;) {
    const s = rng.string(charset, length);
    if (/[A-Za-z]/.test(s) && /[0-9]/.test(s)) return s;
  }
}

export function base64url(text: string): string {
  return Buffer.from(text).toString("base64url");
}
