/**
 * Real-format fake credentials, assembled at run time from a seeded generator so the repository
 * holds no key-shaped literal for secret scanners to flag.
 */
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URLSAFE = `${ALNUM}-_`;

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
}

/** A JWT payload as issuers write it: base64url JSON, so it starts with "eyJ" like a real one. */
function jwtPayload(subject: string): string {
  return Buffer.from(JSON.stringify({ sub: subject, iat: 1790000000, scope: "api" })).toString(
    "base64url",
  );
}

export interface FakeKey {
  kind: string;
  value: string;
  /** The random tail: none of it may survive redaction. */
  secretPart: string;
}

export function fakeKeys(seed = 42): FakeKey[] {
  const r = generator(seed);
  const key = (kind: string, prefix: string, secretPart: string): FakeKey => ({
    kind,
    value: prefix + secretPart,
    secretPart,
  });
  return [
    key("google", ["AI", "za"].join(""), r(URLSAFE, 35)),
    key("openai-project", ["sk", "-proj-"].join(""), r(URLSAFE, 120)),
    key("anthropic", ["sk", "-ant-api03-"].join(""), `${r(URLSAFE, 93)}AA`),
    key("github", ["gh", "p_"].join(""), r(ALNUM, 36)),
    key(
      "slack-bot",
      ["xo", "xb-"].join(""),
      `${r("0123456789", 13)}-${r("0123456789", 13)}-${r(ALNUM, 24)}`,
    ),
    // The JWT header is the standard public one; payload and signature are the secret.
    key(
      "bearer-jwt",
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
      `${jwtPayload(r(ALNUM, 24))}.${r(URLSAFE, 43)}`,
    ),
    key("google-in-url", ["AI", "za"].join(""), r(URLSAFE, 35)),
  ];
}
