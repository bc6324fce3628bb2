/** What users paste in the e2e tests: a Gemini free-tier 429, its follow-up, a models status. */
export const GEMINI_429 = `Gemini keeps failing in OpenClaw:
{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_input_token_count, limit: 250000, model: gemini-2.5-flash","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}`;

export const VERSION_FOLLOW_UP = "$ openclaw --version\nOpenClaw 2026.9.6 (abc1234)";

/** A 429 whose quoted message carries mass mentions: the reply quotes it, nobody is pinged. */
export const PING_429 = `@everyone @here help!!
{"error":{"code":429,"message":"@everyone Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}`;
