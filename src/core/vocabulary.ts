import { z } from "zod";

/** Providers named by the CLI contract (`../shared/contracts/cli.md`): the service whose limit is at issue. */
export const PROVIDER_IDS = [
  "google",
  "google-vertex",
  "openai",
  "azure-openai",
  "anthropic",
  "aws-bedrock",
  "openrouter",
  "groq",
  "mistral",
  "deepseek",
  "xai",
  "cohere",
  "together",
  "fireworks",
  "cerebras",
  "ollama",
  "github-copilot",
  "qwen",
  "minimax",
  "zai",
  "moonshot",
  "other",
  "unknown",
] as const;
export const ProviderId = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderId>;

/** Error classes named by the CLI contract. */
export const ERROR_CLASSES = [
  "rpm",
  "tpm",
  "input_tpm",
  "output_tpm",
  "rpd",
  "daily_quota",
  "billing_or_credits",
  "concurrency",
  "capacity_or_overload",
  "per_user_or_ip",
  "retry_storm_or_burst",
  "request_too_large_or_token_reservation",
  "wrong_dashboard_or_project",
  "auth_or_key_misconfig",
  "client_bug",
  "provider_incident",
  "other",
  "unknown",
] as const;
export const ErrorClass = z.enum(ERROR_CLASSES);
export type ErrorClass = z.infer<typeof ErrorClass>;

/** Missing-info ids named by the CLI contract (others may be added). */
export const MISSING_IDS = [
  "tool_version",
  "raw_error",
  "model_status",
  "provider_model",
  "account_tier",
  "request_size",
  "usage_numbers",
  "trace",
  "auth_state",
  "config",
  "logs",
  "timing",
] as const;
export const MissingId = z.enum(MISSING_IDS);
export type MissingId = z.infer<typeof MissingId>;
