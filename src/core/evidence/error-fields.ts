/**
 * Field readers for provider error bodies. They read JSON, Python dict reprs and plain text alike,
 * because users paste all three (and double-encoded JSON from tools like Continue).
 */

/** Undoes one or two levels of JSON string escaping so patterns see `"code": 429`, not `\"code\": 429`. */
export function unescapeJsonish(text: string): string {
  let out = text;
  for (let i = 0; i < 2 && /\\["n\\]/.test(out); i++) {
    out = out
      .replace(/\\\\/g, "\u0000")
      .replace(/\\"/g, '"')
      .replace(/\\n/g, "\n")
      .replace(/\\t/g, "\t")
      .replaceAll("\u0000", "\\");
  }
  return out;
}

function first(text: string, patterns: RegExp[]): string | null {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m?.[1]) return m[1];
  }
  return null;
}

const STATUS_PATTERNS = [
  /["']code["']\s*:\s*["']?(\d{3})\b/u,
  /\bError code:\s*(\d{3})\b/iu,
  /\bHTTP\/[\d.]+\s+(\d{3})\b/u,
  // "status code: 429" (gpt-pilot), "status_code: 429" (cohere SDK), "statusCode=429".
  /\bstatus(?:[ _]?code)?["']?\s*[:=]\s*["']?(\d{3})\b/iu,
  // boto3's ResponseMetadata "HTTPStatusCode" and AWS JS v3's $metadata "httpStatusCode".
  /["']httpStatusCode["']\s*:\s*(\d{3})/iu,
  // "OpenAI API error (429): {…}"; Claude Code on Bedrock: "API Error: Request rejected (429) - …".
  /\b(?:error|rejected) \((\d{3})\)/iu,
  /\[(\d{3}) [A-Z][a-z]/u,
  // The legacy Google JS SDK prints an empty reason: "[429 ] You exceeded your current quota".
  /\[(\d{3})\s*\]/u,
  /(?:^|\n|\s)(429|503|529|402|413)(?=[:.\s]|$)/u,
  /\bAPI Error:?\s*\(?(\d{3})\b/iu,
  // Node SDKs and Claude Code: "Error: 400 {"type":"error",...}", "429 [{"error":...}]".
  /(?:^|[\s(:])([45]\d\d)[:\s-]{0,3}[{[]/u,
];

export function readStatus(text: string): number | null {
  const value = first(text, STATUS_PATTERNS);
  const n = value === null ? null : Number(value);
  return n !== null && n >= 100 && n < 600 ? n : null;
}

const CODE_PATTERNS = [
  /["']status["']\s*:\s*["']([A-Z][A-Z_]{3,})["']/u,
  /["']errorCode["']\s*:\s*["']([\w.-]{3,})["']/u,
  /["']code["']\s*:\s*["']([a-z][\w.-]{2,}|[A-Z][A-Z_]{3,})["']/u,
  // Mistral's numeric string code: "code":"1300" (provider-errors.json mistral-429-code-1300).
  /["']code["']\s*:\s*["'](\d{4,})["']/u,
  /["']type["']\s*:\s*["']([a-z][a-z_]+_error|rate_limited|insufficient_quota|throttling_error)["']/u,
  /\[code=([\w.-]+)\]/u,
  /\b(RESOURCE_EXHAUSTED|ThrottlingException|ServiceQuotaExceededException|ModelNotReadyException)\b/u,
];

export function readCode(text: string): string | null {
  return first(text, CODE_PATTERNS);
}

const MESSAGE_PATTERNS = [
  /["']message["']\s*:\s*"((?:[^"\\]|\\.){1,1500})"/gu,
  /["']message["']\s*:\s*'((?:[^'\\]|\\.){1,1500})'/gu,
  // A browser console's object dump: `message\n: \n"Number of request tokens has exceeded…"`
  // (provider-errors.json anthropic-429-request-tokens-2024).
  /(?:^|\n)message\s*\n\s*:\s*\n?\s*"((?:[^"\\\n]|\\.){1,1500})"/gu,
];

/** Wrappers nest one error in another's message (Continue, litellm proxy): look inside those. */
function isWrapperMessage(value: string): boolean {
  return /^\s*[{[]/u.test(value) || /["']message["']\s*:/u.test(value);
}

/**
 * The provider's own message: the innermost `message` that is prose, not a nested error body. Line
 * breaks inside it (terminal wraps, "\n* Quota exceeded …" lines) are collapsed to spaces.
 */
export function readMessage(text: string): string | null {
  for (const pattern of MESSAGE_PATTERNS) {
    const re = new RegExp(pattern.source, pattern.flags);
    // Bounded: a paste with more message keys than this is not an error body worth reading.
    for (let i = 0; i < 50; i++) {
      const m = re.exec(text);
      if (!m) break;
      const value = m[1] ?? "";
      if (value.trim() !== "" && !isWrapperMessage(value))
        return value.replace(/\s+/gu, " ").trim();
      re.lastIndex = m.index + 1; // the inner message lies inside this match
    }
  }
  return null;
}

export interface QuotaFields {
  metric?: string;
  id?: string;
  value?: number;
  model?: string;
}

export function readQuota(text: string): QuotaFields {
  const out: QuotaFields = {};
  const metric = first(text, [
    /["']quotaMetric["']\s*:\s*["']([\w./-]+)["']/u,
    // Code Assist names metrics in words: "Quota exceeded for quota metric 'Gemini 2.5 Pro Requests'".
    /Quota exceeded for quota metric '([^'\n]{1,80})'/iu,
    /Quota exceeded for (?:metric|quota metric):\s*'?([\w./-]+)/iu,
    // Vertex standard quota: "Quota exceeded for aiplatform.googleapis.com/online_prediction_...".
    /Quota exceeded for (aiplatform\.googleapis\.com\/\w{1,100})/iu,
  ]);
  if (metric) out.metric = metric;
  const id = first(text, [/["']quotaId["']\s*:\s*["']([\w.-]+)["']/u]);
  if (id) out.id = id;
  const value = first(text, [/["']quotaValue["']\s*:\s*["']?(\d+)/u, /\blimit:\s*(\d+)\b/u]);
  if (value !== null) out.value = Number(value);
  const model = first(text, [
    /["']quotaDimensions["']\s*:\s*\{[^}]{0,200}?["']model["']\s*:\s*["']([\w.:-]+)["']/u,
    // "* Quota exceeded for metric: …, limit: 20, model: gemini-2.5-flash"; a bare "model:" matches
    // too much (OpenClaw's requestId "<runId>:model:1").
    /\blimit:\s*\d+,\s*model:\s*([\w.:-]+)/u,
  ]);
  if (model) out.model = model;
  return out;
}

function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/,/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

export interface LimitNumbers {
  limit?: number;
  used?: number;
  requested?: number;
}

/**
 * "Limit 30000, Used 26411, Requested 6230" (OpenAI, Groq) and the signature's own named groups.
 * Groq 2024 prefixed estimates with "~" ("Requested ~12903", provider-errors.json
 * groq-429-requested-exceeds-limit-2024).
 */
export function readLimitNumbers(
  text: string,
  extra: readonly RegExp[],
): { numbers: LimitNumbers; model?: string } {
  const numbers: LimitNumbers = {};
  let model: string | undefined;
  const generic =
    /Limit:?\s*~?(\d(?:[\d,]*\d)?)(?:,\s*Used:?\s*~?(\d(?:[\d,]*\d)?))?(?:,\s*Requested:?\s*~?(\d(?:[\d,]*\d)?))?/iu.exec(
      text,
    );
  if (generic) {
    const limit = toNumber(generic[1]);
    const used = toNumber(generic[2]);
    const requested = toNumber(generic[3]);
    if (limit !== undefined) numbers.limit = limit;
    if (used !== undefined) numbers.used = used;
    if (requested !== undefined) numbers.requested = requested;
  }
  for (const pattern of extra) {
    const groups = pattern.exec(text)?.groups;
    if (!groups) continue;
    for (const key of ["limit", "used", "requested"] as const) {
      const n = toNumber(groups[key]);
      if (n !== undefined && numbers[key] === undefined) numbers[key] = n;
    }
    if (groups.model && model === undefined) model = groups.model;
  }
  return model === undefined ? { numbers } : { numbers, model };
}
