import { describe, expect, it } from "vitest";
import {
  readCode,
  readLimitNumbers,
  readMessage,
  readQuota,
  readStatus,
  unescapeJsonish,
} from "../../../src/core/evidence/error-fields.js";

/** Shapes from the provider-errors catalogue (provider-errors.json, compiled 2026-11). */

describe("unescapeJsonish", () => {
  it("undoes one level of JSON string escaping", () => {
    expect(unescapeJsonish('{"message":"{\\n  \\"code\\": 429\\n}"}')).toBe(
      '{"message":"{\n  "code": 429\n}"}',
    );
  });

  it("undoes Continue's double encoding (gemini-429-freetier-limit20-message-style)", () => {
    const pasted =
      '{"error":{"message":"{\\n  \\"error\\": {\\n    \\"message\\": \\"You exceeded your current quota. \\\\n* Quota exceeded for metric: x, limit: 20, model: gemini-2.5-flash\\\\nPlease retry in 28.3s.\\"\\n  }\\n}\\n"}}';
    const out = unescapeJsonish(pasted);
    expect(out).toContain('"message": "You exceeded your current quota. \n* Quota exceeded');
    expect(out).toContain("\nPlease retry in 28.3s.");
  });

  it("undoes litellm's b'...' byte repr with \\n escapes (gemini-429-rpm-litellm-wrapped)", () => {
    expect(unescapeJsonish('VertexAIException - b\'{\\n  "error": {\\n    "code": 429')).toBe(
      'VertexAIException - b\'{\n  "error": {\n    "code": 429',
    );
  });

  it("leaves plain text and escaped backslashes alone", () => {
    expect(unescapeJsonish("Rate limit reached for gpt-4o")).toBe("Rate limit reached for gpt-4o");
    expect(unescapeJsonish("C:\\\\Users\\\\me and \\n")).toBe("C:\\Users\\me and \n");
  });
});

describe("readStatus", () => {
  it.each([
    ['{"error":{"code":429,"message":"…"}}', 429],
    ["{'error': {'code': 429, 'message': '…'}}", 429],
    ['{"error":{"code":"429","message":"Requests to the …"}}', 429], // Azure: a string
    ["openai.RateLimitError: Error code: 429 - {'error': {'code': 'rate_limit_exceeded'}}", 429],
    ["Error code: 413 - {'error': {'message': 'Request too large for model …'}}", 413],
    ["HTTP/1.1 429 Too Many Requests\nRetry-After: 30", 429],
    ["API responded with status code: 429. Response text: {", 429],
    ["cohere.errors.too_many_requests_error.TooManyRequestsError: status_code: 429", 429],
    ['"ResponseMetadata": {"RequestId": "e686", "HTTPStatusCode": 429,', 429], // boto3
    ['$metadata: {"httpStatusCode":429,"requestId":"158a","attempts":3}', 429], // AWS JS v3
    ["[GoogleGenerativeAI Error]: Error fetching from https://x: [429 Too Many Requests] You", 429],
    ["[GoogleGenerativeAI Error]: Error fetching from https://x: [429 ] You exceeded", 429],
    ['API Error (429 {"error":{"type":"rate_limit_reached_error"}}) · Retrying', 429],
    ["API Error: Request rejected (429) - Too many tokens per day", 429],
    ['API Error: 529 {"type":"error","error":{"type":"overloaded_error"}}', 529],
    ['Error: 400 {"type":"error","error":{"type":"invalid_request_error"}}', 400],
    ['Error: 500 {"type":"error","error":{"type":"api_error"}}', 500],
    ['429 [{"error":{"code":429,"message":"Quota exceeded for aiplatform…"}}]', 429],
    ["429 You exceeded your current quota, please check your plan", 429],
    ["📝 Error: HTTP 429: usage limit exceeded", 429],
    ["SDKError: API error occurred: Status 429\nBody: {…}", 429],
  ])("%s", (text, status) => {
    expect(readStatus(text)).toBe(status);
  });

  it("does not take Mistral's code 1300 or prose numbers for a status", () => {
    expect(
      readStatus('{"object":"error","message":"Rate limit exceeded","code":"1300"}'),
    ).toBeNull();
    expect(readStatus("I sent about 4290 requests")).toBeNull();
    expect(readStatus("Tokens per minute limit exceeded - too many tokens processed.")).toBeNull();
  });
});

describe("readCode", () => {
  it.each([
    ['{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}', "RESOURCE_EXHAUSTED"],
    [
      "{'error': {'message': '…', 'type': 'tokens', 'param': None, 'code': 'rate_limit_exceeded'}}",
      "rate_limit_exceeded",
    ],
    [
      '{"error":{"message":"…","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}',
      "insufficient_quota",
    ],
    ['{"type":"error","error":{"type":"rate_limit_error","message":"…"}}', "rate_limit_error"],
    [
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      "overloaded_error",
    ],
    [
      '"Error": {"Message": "Too many tokens, please wait before trying again.", "Code": "ThrottlingException"}',
      "ThrottlingException",
    ],
    [
      "ServiceQuotaExceededException: Your request exceeds the service quota",
      "ServiceQuotaExceededException",
    ],
    [
      '{"object":"error","message":"Rate limit exceeded","type":"rate_limited","param":null,"code":"1300"}',
      "1300",
    ],
    ["[code=RESOURCE_EXHAUSTED] quota", "RESOURCE_EXHAUSTED"],
  ])("%s", (text, code) => {
    expect(readCode(text)).toBe(code);
  });

  it("is null when the body has none", () => {
    expect(readCode("Tokens per minute limit exceeded - too many tokens processed.")).toBeNull();
  });
});

describe("readMessage", () => {
  it("reads a JSON message", () => {
    expect(
      readMessage(
        '{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}',
      ),
    ).toBe("The model is overloaded. Please try again later.");
  });

  it("reads a Python dict message in single quotes", () => {
    expect(
      readMessage(
        "{'error': {'message': 'Rate limit reached for RPM', 'type': 'rate_limit_exceeded'}}",
      ),
    ).toBe("Rate limit reached for RPM");
  });

  it("reads a Python dict message repr'd in double quotes because it holds an apostrophe", () => {
    expect(
      readMessage(
        `{'type': 'error', 'error': {'type': 'rate_limit_error', 'message': "This request would exceed your organization's rate limit of 30,000 input tokens per minute."}}`,
      ),
    ).toBe(
      "This request would exceed your organization's rate limit of 30,000 input tokens per minute.",
    );
  });

  it("reads the innermost message of a wrapper, not the nested body (litellm proxy)", () => {
    const proxy = `Error code: 429 - {'error': {'message': "litellm.RateLimitError: AzureException RateLimitError - Error code: 429 - {'error': {'code': '429', 'message': 'Requests to the ChatCompletions_Create Operation have exceeded token rate limit. Please retry after 86400 seconds.'}}\nReceived Model Group=azure-gpt-4o-mini", 'type': 'throttling_error', 'param': None, 'code': '429'}}`;
    expect(readMessage(proxy)).toBe(
      "Requests to the ChatCompletions_Create Operation have exceeded token rate limit. Please retry after 86400 seconds.",
    );
  });

  it("skips a message that is itself a JSON body (Continue) and keeps line breaks as spaces", () => {
    const unescaped =
      '{"error":{"message":"{\n  "error": {\n    "code": 429,\n    "message": "You exceeded your current quota. \n* Quota exceeded for metric: x, limit: 20, model: gemini-2.5-flash\nPlease retry in 28.3s.",\n    "status": "RESOURCE_EXHAUSTED"\n  }\n}\n","code":429}}';
    expect(readMessage(unescaped)).toBe(
      "You exceeded your current quota. * Quota exceeded for metric: x, limit: 20, model: gemini-2.5-flash Please retry in 28.3s.",
    );
  });

  it("joins a message wrapped by the terminal (codeassist-429-daily-per-user)", () => {
    expect(
      readMessage(
        `"message": "Quota exceeded for quota metric 'Gemini 2.5 Pro Requests' and limit 'Gemini 2.5 Pro Requests per day per user per tier' \n  of service 'cloudcode-pa.googleapis.com'.",`,
      ),
    ).toBe(
      "Quota exceeded for quota metric 'Gemini 2.5 Pro Requests' and limit 'Gemini 2.5 Pro Requests per day per user per tier' of service 'cloudcode-pa.googleapis.com'.",
    );
  });

  it("reads a browser console's object dump (anthropic-429-request-tokens-2024)", () => {
    expect(
      readMessage(
        'message\n: \n"Number of request tokens has exceeded your per-minute rate limit."\ntype\n: \n"rate_limit_error"',
      ),
    ).toBe("Number of request tokens has exceeded your per-minute rate limit.");
  });

  it("is null for plain text", () => {
    expect(readMessage("Too many requests, please wait before trying again.")).toBeNull();
  });
});

describe("readQuota", () => {
  it("reads Google's QuotaFailure violation (gemini-429-freetier-rpd-structured)", () => {
    const body =
      '{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-2.5-flash"},"quotaValue":"250"}]}';
    expect(readQuota(body)).toEqual({
      metric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
      id: "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
      value: 250,
      model: "gemini-2.5-flash",
    });
  });

  it("reads the same from a Python dict repr", () => {
    const body =
      "{'quotaMetric': 'generativelanguage.googleapis.com/generate_content_free_tier_input_token_count', 'quotaId': 'GenerateContentInputTokensPerModelPerMinute-FreeTier', 'quotaDimensions': {'location': 'global', 'model': 'gemini-2.5-flash-preview-image'}}";
    expect(readQuota(body)).toEqual({
      metric: "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",
      id: "GenerateContentInputTokensPerModelPerMinute-FreeTier",
      model: "gemini-2.5-flash-preview-image",
    });
  });

  it("reads the late-2025 message style '* Quota exceeded for metric: …, limit: N, model: M'", () => {
    expect(
      readQuota(
        "* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-pro\nPlease retry in 35.5s.",
      ),
    ).toEqual({
      metric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
      value: 0,
      model: "gemini-2.5-pro",
    });
  });

  it("reads Code Assist's worded metric (codeassist-429-daily-per-user)", () => {
    expect(
      readQuota(
        "Quota exceeded for quota metric 'Gemini 2.5 Pro Requests' and limit 'Gemini 2.5 Pro Requests per day per user per tier' of service 'cloudcode-pa.googleapis.com'",
      ).metric,
    ).toBe("Gemini 2.5 Pro Requests");
  });

  it("reads Vertex's standard-quota metric (vertex-claude-429-input-tpm)", () => {
    expect(
      readQuota(
        "Quota exceeded for aiplatform.googleapis.com/online_prediction_input_tokens_per_minute_per_base_model with base model: anthropic-claude-opus-4.",
      ).metric,
    ).toBe("aiplatform.googleapis.com/online_prediction_input_tokens_per_minute_per_base_model");
  });

  it("is empty when there is no quota", () => {
    expect(readQuota("Overloaded")).toEqual({});
  });
});

describe("readLimitNumbers", () => {
  it("reads OpenAI's Limit, Used, Requested", () => {
    expect(
      readLimitNumbers(
        "on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try",
        [],
      ),
    ).toEqual({ numbers: { limit: 30000, used: 29937, requested: 385 } });
  });

  it("reads Groq's '~' estimates (groq-429-requested-exceeds-limit-2024)", () => {
    expect(readLimitNumbers("(TPM): Limit 7000, Used 0, Requested ~12903. Please try", [])).toEqual(
      {
        numbers: { limit: 7000, used: 0, requested: 12903 },
      },
    );
  });

  it("reads a request-too-large body without Used", () => {
    expect(readLimitNumbers("(OTPM): Limit 1000, Requested 1962. The request's", [])).toEqual({
      numbers: { limit: 1000, requested: 1962 },
    });
  });

  it("reads thousands separators", () => {
    expect(readLimitNumbers("Limit: 1,000,000, Used: 999,500", [])).toEqual({
      numbers: { limit: 1000000, used: 999500 },
    });
  });

  it("takes named groups from the signature's own patterns, without overriding the generic reader", () => {
    const xai = [
      /\(actual\/limit\):\s*(?<used>\d+)\/(?<limit>\d+)/u,
      /and model (?<model>[\w.-]+)\./u,
    ];
    expect(
      readLimitNumbers(
        "Too many tokens for team e9fe and model grok-4-0709. Your team's rate limit is — Tokens per Minute (actual/limit): 65605/16000.",
        xai,
      ),
    ).toEqual({ numbers: { used: 65605, limit: 16000 }, model: "grok-4-0709" });
    expect(
      readLimitNumbers("Limit 6000, Used 5034 … limited to 8 requests per minute", [
        /limited to (?<limit>\d+) requests/u,
      ]).numbers.limit,
    ).toBe(6000);
  });

  it("is empty when the text has no numbers", () => {
    expect(readLimitNumbers("Overloaded", [])).toEqual({ numbers: {} });
  });
});
