/**
 * ~1 MB adversarial inputs: long runs without terminators and endless repetitions of rule
 * prefixes, the shapes that make backtracking regexes quadratic or worse.
 */
const MB = 1_000_000;

const fill = (unit: string, size = MB) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

export const PATHOLOGICAL: Record<string, string> = {
  "AIza + a×1e6": `AIza${"a".repeat(MB)}`,
  "Bearer ×": fill("Bearer "),
  "key= ×": fill("key="),
  "api_key: ×": fill("api_key: "),
  "password= ×": fill("password="),
  "--token ×": fill("--token "),
  "base64 run": fill("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123+/"),
  "base64url run": fill("abcXYZ019_-"),
  "name-char run": fill("api.key_"),
  "azure name run": fill("azure_key."),
  "--flag run": fill("--api-key-"),
  "flag then spaces ×": fill("--api-key --"),
  "dotted words": fill("a."),
  "PEM BEGIN ×": fill("-----BEGIN PRIVATE KEY-----"),
  "PEM without END": `-----BEGIN PRIVATE KEY-----\n${fill("QUJD\n")}`,
  dashes: fill("-"),
  spaces: fill(" "),
  "digits: ×": fill("1234567890:"),
  "scheme://user: ×": fill("a://b:"),
  "%3D ×": fill("%3D"),
  "\\n ×": fill("\\n"),
  "eyJ…. ×": fill("eyJaaaaaaaaaaaa."),
  "?key=a ×": fill("?key=a"),
  "Authorization: ×": fill("Authorization: "),
  "sk- ×": fill("sk-"),
};

/** Inputs built from one rule's own true positive: its lead-in repeated, and followed by a run. */
export function pathologicalFor(text: string, secret: string): Record<string, string> {
  const at = text.indexOf(secret);
  const lead = `${text.slice(Math.max(0, at - 24), at)}${secret.slice(0, 8)}`;
  return {
    [`${lead} ×`]: fill(lead),
    [`${lead} + a×1e6`]: `${lead}${"a".repeat(MB)}`,
    [`${lead} + a_×`]: `${lead}${fill("a_")}`,
  };
}
