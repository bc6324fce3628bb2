import { describe, expect, it } from "vitest";
import type { Thread } from "../../../src/core/thread.js";
import type { ErrorClass } from "../../../src/core/vocabulary.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { triage } from "../../../src/triage.js";

const kb = loadKnowledge();
const NOW = new Date("2026-12-01T12:00:00Z");

/**
 * One-message help posts of the kinds a support channel sees every day, in several languages,
 * written for this test: each must get the class a human triager would name.
 */
const PROBES: ReadonlyArray<readonly [ErrorClass, string]> = [
  [
    "rpd",
    "Gemini free tier: I get 429 after about 20 requests and it only works again the next day.",
  ],
  [
    "daily_quota",
    "Claude Code says 'Claude usage limit reached. Your limit will reset at 3pm (Europe/Berlin)'.",
  ],
  ["rpm", "me sale error 429 de Gemini, dice que excedí la cuota de solicitudes por minuto"],
  [
    "capacity_or_overload",
    "Bekomme ständig 529 von Anthropic mit overloaded_error, seit heute morgen.",
  ],
  ["rpd", "erro 429 no OpenRouter com modelo :free, acho que bati o limite diário de requisições"],
  ["rpd", "Gemini APIで429エラー。無料枠の1日のリクエスト上限に達したみたいです。"],
  ["rpm", "DeepSeek 一直返回 429，提示请求太频繁，每分钟大概发 100 次"],
  [
    "per_user_or_ip",
    "Same key works from my laptop, but from my Hetzner VPS every request gets 429 right away.",
  ],
  [
    "concurrency",
    "We run 50 workers in parallel against Anthropic and most get 429 'Number of concurrent connections has exceeded your rate limit'.",
  ],
  [
    "request_too_large_or_token_reservation",
    "After setting max_tokens to 64000 every call gets 429 immediately, even the very first one; with 4096 it's fine.",
  ],
  [
    "tpm",
    "Azure OpenAI: Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-02-01 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds.",
  ],
  [
    "provider_incident",
    "Status page shows an incident and everyone in our Discord is getting 529s from Claude right now.",
  ],
  [
    "wrong_dashboard_or_project",
    "I added billing to my project but the API key I'm using was created in a different project, and it still says free tier limits.",
  ],
  [
    "auth_or_key_misconfig",
    "OpenClaw says 'API rate limit reached' but the gateway log shows 401 invalid x-api-key.",
  ],
  [
    "rpm",
    "Mistral returns 'Requests rate limit exceeded' when I send more than a few requests a second.",
  ],
  [
    "billing_or_credits",
    "OpenAI: You exceeded your current quota, please check your plan and billing details. I've never added a payment method.",
  ],
  [
    "output_tpm",
    "Anthropic 429: This request would exceed the rate limit for your organization of 8,000 output tokens per minute.",
  ],
  [
    "retry_storm_or_burst",
    "Our script retries immediately in a tight loop on 429 and now everything is rate limited for minutes.",
  ],
  ["daily_quota", "Cursor says I've hit my usage limit for the month on the Pro plan."],
  [
    "client_bug",
    "Roo Code ignores the retry-after header and retries instantly, hammering the API until it aborts.",
  ],

  [
    "tpm",
    "OpenAI 说我每分钟的 token 超了：Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.",
  ],
  ["billing_or_credits", "DeepSeek 返回 402 Insufficient Balance，可是我昨天刚充值过"],
  [
    "rpd",
    "Gemini の無料枠で、今日の分のリクエストを使い切ったらしく 429 が返ってくる。明日まで待つしかない？",
  ],
  ["concurrency", "智谱 GLM 报错：并发数过高，请降低并发。我同时开了 5 个会话。"],
  [
    "capacity_or_overload",
    "Claude API devuelve 529 Overloaded desde hace una hora, pero mi cuota está casi vacía.",
  ],
  ["billing_or_credits", "Meu saldo na OpenRouter acabou e agora todas as chamadas retornam 402."],
  [
    "rpm",
    "Bei Groq bekomme ich 429: Rate limit reached for model llama-3.3-70b-versatile on requests per minute (RPM): Limit 30, Used 30.",
  ],
  [
    "daily_quota",
    "Codex CLI: 'You've hit your usage limit. Try again in 4 days 3 hours.' I'm on Plus.",
  ],
  [
    "per_user_or_ip",
    "From our office network every call to the API gets 429, but on my phone hotspot it works fine.",
  ],
  [
    "retry_storm_or_burst",
    "Ten cron jobs fire at exactly 9:00 and all hit 429 together; if I stagger them it's fine.",
  ],
  [
    "request_too_large_or_token_reservation",
    "Request too large for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Requested 45000.",
  ],
  [
    "auth_or_key_misconfig",
    "Every request says rate limited, but it turns out the gateway was loading an old revoked key from .env.",
  ],
  [
    "provider_incident",
    "Since 14:00 UTC everyone on our team gets 503s and 429s from Gemini; the Google status page shows an incident.",
  ],
  [
    "wrong_dashboard_or_project",
    "The dashboard shows zero usage, but the 429 names an org ID that isn't ours.",
  ],
  [
    "client_bug",
    "After one 429 OpenClaw puts the whole google profile in cooldown for 5 hours, even though the provider's limit is per minute.",
  ],
  [
    "rpm",
    "Anthropic 429: This request would exceed your organization's rate limit of 50 requests per minute.",
  ],
  [
    "tpm",
    "Vertex AI returns 429 Resource exhausted; the quota page shows tokens per minute at 100% for gemini-2.5-pro.",
  ],
  [
    "other",
    "My Slack bot gets 'ratelimited' errors when posting messages too quickly with chat.postMessage.",
  ],
  ["daily_quota", "Claude Pro: you've reached your weekly limit, resets Monday."],
  [
    "input_tpm",
    "claude-sonnet: 429 input tokens per minute exceeded because our system prompt and tools are 60k tokens on every call.",
  ],

  [
    "rpm",
    "OpenClaw with gemini-2.5-flash on the free tier: after about 10 quick messages I get '⚠️ API rate limit reached', waiting a minute fixes it.",
  ],
  [
    "rpd",
    "OpenClaw + Gemini free key: from around noon every message says 'API rate limit reached' and it stays like that until the next morning.",
  ],
  [
    "billing_or_credits",
    "OpenClaw keeps saying '⚠️ API provider returned a billing error' with my Anthropic key; the console shows a balance of $0.00.",
  ],
  [
    "client_bug",
    "OpenClaw 2026.10.2: after one 429 from MiniMax, every model on that provider stays in cooldown for hours, even models that were never used.",
  ],
  [
    "retry_storm_or_burst",
    "I have 6 sub-agents spawned at once by my OpenClaw agent and they all get 429 immediately; running them one by one works.",
  ],
  [
    "request_too_large_or_token_reservation",
    "OpenClaw with Groq always returns 'Request too large' on the very first message of a new session; my tools and system prompt are about 12k tokens, the TPM limit is 6000.",
  ],
  [
    "daily_quota",
    "OpenClaw with my Claude Max subscription: 'usage limit reached, resets at 18:00' after two hours of coding.",
  ],
  [
    "capacity_or_overload",
    "OpenClaw tells me 'The AI service is temporarily overloaded' with Claude for the last 20 minutes, other models work.",
  ],
  [
    "auth_or_key_misconfig",
    "OpenClaw says rate limited, but `openclaw models status --probe` shows the google profile as invalid_key; the CLI has a different key than the gateway service.",
  ],
  [
    "rpm",
    "用 OpenClaw 接 Gemini 免费版，连续发几条就提示 API rate limit reached，等一分钟又能用了。",
  ],
  [
    "rpd",
    "OpenClaw con Gemini gratis: a partir del mediodía todo da 'API rate limit reached' hasta el día siguiente.",
  ],
  [
    "billing_or_credits",
    "Der OpenClaw-Agent meldet ständig einen Billing-Fehler; mein Guthaben bei DeepSeek ist aufgebraucht.",
  ],
  [
    "concurrency",
    "GLM Coding Plan via OpenClaw: 429 with 'concurrency limit exceeded' as soon as two agents run at the same time.",
  ],
  [
    "tpm",
    "Our Python service gets openai.RateLimitError: Error code: 429 - Rate limit reached for gpt-4.1 on tokens per min (TPM): Limit 200000, Used 199500, Requested 3000.",
  ],
  [
    "per_user_or_ip",
    "Running the bot on a shared Render instance: every call to the free API endpoint gets 429, the same key from home works.",
  ],
  [
    "provider_incident",
    "Is OpenRouter down? Everyone in this channel is getting 429 and 502 on every model since an hour ago.",
  ],
  [
    "wrong_dashboard_or_project",
    "I enabled billing on project A, but my key was created in project B, so Gemini still applies free tier limits.",
  ],
  [
    "rpm",
    "Mistral's free tier allows 1 request per second and my script sends 3 per second, so half of them get 429.",
  ],
  [
    "billing_or_credits",
    "Hugging Face Inference: 'You have exceeded your monthly included credits for Inference Providers.'",
  ],
  [
    "client_bug",
    "Cline shows 'Rate limit exceeded' instantly, but I haven't sent anything for hours and the same key works with curl.",
  ],

  [
    "rpd",
    "Hi, I'm using the Gemini API with a free key in my n8n workflow and after ~50 runs today everything returns 429 RESOURCE_EXHAUSTED. Yesterday it was fine.",
  ],
  [
    "tpm",
    "Claude 3.5 Sonnet on Bedrock: ThrottlingException: Too many tokens, please wait before trying again. We send big documents every few seconds.",
  ],
  [
    "billing_or_credits",
    "Just created an Anthropic account, added a key to my app, every request: 'Your credit balance is too low to access the Anthropic API'.",
  ],
  [
    "rpm",
    "OpenRouter free model: 'Rate limit exceeded: free-models-per-min'. I only send a few requests.",
  ],
  ["rpd", "OpenRouter says 'Rate limit exceeded: free-models-per-day'. Do I need to buy credits?"],
  [
    "capacity_or_overload",
    "DeepSeek API is super slow and returns 503 'Server is busy, please try again later' all evening.",
  ],
  [
    "rpd",
    "Gemini CLI: 'You have exhausted your daily quota on this model' after logging in with my Google account.",
  ],
  [
    "client_bug",
    "Continue.dev keeps showing 429 after I switched to a paid key; it seems to still use the old free key cached somewhere. Restarting VS Code fixes it.",
  ],
  [
    "concurrency",
    "Ollama Cloud returns 429 'too many concurrent requests' when two of my agents call it at the same time.",
  ],
  [
    "per_user_or_ip",
    "Copilot Chat says 'Sorry, you have been rate-limited. Please wait a moment before trying again' after 30 minutes of agent mode; other people on my team are fine.",
  ],
  [
    "retry_storm_or_burst",
    "Our batch job sends 200 requests in the first second, then backs off; the first burst always gets a wall of 429s.",
  ],
  [
    "request_too_large_or_token_reservation",
    "Anthropic: 'prompt is too long: 215000 tokens > 200000 maximum' when the agent's history grows.",
  ],
  [
    "provider_incident",
    "Anthropic status page: 'Elevated errors on Claude Sonnet'. All our calls get 529 and 500 since 10:20 UTC.",
  ],
  [
    "auth_or_key_misconfig",
    "Azure OpenAI returns 401 'Access denied due to invalid subscription key or wrong API endpoint' and my tool reports it as a rate limit.",
  ],
  [
    "rpm",
    "xAI Grok API: 429 'You have reached the rate limit of 60 requests per minute for this model'.",
  ],
  [
    "tpm",
    "Groq: Rate limit reached for model `llama-3.1-8b-instant` in organization `org_x` service tier `on_demand` on tokens per minute (TPM): Limit 6000, Used 5900, Requested 500.",
  ],
  [
    "wrong_dashboard_or_project",
    "OpenAI usage page shows $0 spent this month, but the API says I exceeded my quota. I have two organizations.",
  ],
  [
    "billing_or_credits",
    "Mistral La Plateforme: 'Your subscription has been suspended due to unpaid invoices' and every call fails.",
  ],
  [
    "daily_quota",
    "Windsurf: 'You have run out of credits for this billing cycle; they refresh on the 1st.'",
  ],
];

describe("everyday help posts get the class a triager would name", () => {
  it.each(PROBES)("%s: %s", (errorClass, text) => {
    const thread: Thread = { messages: [{ content: text, role: "reporter" }] };
    expect(triage(thread, kb, NOW).report.errorClass).toBe(errorClass);
  });
});
