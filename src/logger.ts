import { join } from "node:path";
import { type DestinationStream, type LogFn, type Logger, pino } from "pino";
import { REDACTED } from "./core/redact/marker.js";
import { redact } from "./core/redact/redact.js";
import { redactValue } from "./core/redact/redact-value.js";
import type { SecretRule } from "./core/redact/types.js";
import { projectRoot } from "./knowledge/load.js";
import { readSecretRules } from "./knowledge/secret-rules.js";

/** Fields censored by name before anything else looks at them (pino's fast-redact paths). */
export const LOG_REDACT_PATHS: readonly string[] = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "req.headers.authorization",
  "headers.cookie",
  "*.headers.cookie",
  'headers["proxy-authorization"]',
  '*.headers["proxy-authorization"]',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  '*.headers["x-goog-api-key"]',
  'headers["api-key"]',
  '*.headers["api-key"]',
  ...[
    "token",
    "apiKey",
    "api_key",
    "accessToken",
    "access_token",
    "refreshToken",
    "refresh_token",
    "botToken",
    "appToken",
    "password",
    "secret",
    "clientSecret",
    "client_secret",
    "signingSecret",
    "privateKey",
    "private_key",
  ].flatMap((field) => [field, `*.${field}`]),
];

export interface CreateLoggerOptions {
  /** Where JSON lines go; standard output when omitted. */
  destination?: DestinationStream;
  /** Secret rules; the project's data/secrets.json when omitted. */
  rules?: readonly SecretRule[];
}

/**
 * A final pass over each serialized line: catches what the hook cannot see, such as a secret
 * assembled by printf-style interpolation ("password=%s") or a field name outside the paths.
 */
function redactingDestination(
  destination: DestinationStream,
  rules: readonly SecretRule[],
): DestinationStream {
  return { write: (line: string) => destination.write(redact(line, rules).text) };
}

/**
 * The project's logger. Secrets never reach a log: named fields are censored by path, every
 * string in messages, fields, errors and child bindings goes through `redact()`, and each
 * written line is redacted once more.
 */
export function createLogger(level = "info", options: CreateLoggerOptions = {}): Logger {
  const rules = options.rules ?? readSecretRules(join(projectRoot(), "data"));
  return pino(
    {
      level,
      redact: { paths: [...LOG_REDACT_PATHS], censor: REDACTED },
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactValue(args, rules) as Parameters<LogFn>);
        },
      },
      formatters: {
        bindings: (bindings) => redactValue(bindings, rules),
      },
    },
    redactingDestination(options.destination ?? pino.destination(1), rules),
  );
}
