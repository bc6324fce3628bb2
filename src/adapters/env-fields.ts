/**
 * The zod fields both adapters read their environment variables with, and the one way a bad value
 * becomes an error naming its variable. Keys of the schemas are the variable names, so an issue's
 * path is the variable to fix.
 */
import { z } from "zod";

/** A variable with a value the adapter cannot use; the message starts with its name. */
export class EnvVariableError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "EnvVariableError";
  }
}

/** "a, b,,c" → ["a", "b", "c"]; unset → []. */
export const csvList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );

export const flag = z
  .enum(["", "0", "1", "false", "true", "no", "yes", "off", "on"], {
    error: "must be true or false",
  })
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes" || v === "on");

/** Trimmed text, or null when unset or blank. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : null));

/** Trimmed text, or `fallback` when unset or blank (to be piped into a stricter type). */
export const textOr = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : fallback));

export const positiveIntOr = (fallback: number) =>
  textOr(String(fallback)).pipe(
    z.coerce.number<string>({ error: "must be a number" }).int().positive(),
  );

/**
 * The parsed settings, or the first problem as `error(variable, message)`: one variable named,
 * one sentence, never a stack of zod output.
 */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv,
  prefix: string,
  error: (variable: string, message: string) => Error,
): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw error(String(issue?.path[0] ?? `${prefix}_*`), issue?.message ?? "invalid");
}

type EnvValue = string | readonly string[] | number | null | undefined;

/**
 * An adapter's config from the app's settings (env or config file): the settings are written back
 * as the variables they came from and read by the adapter's own loader, so both paths validate
 * the same way. Lists become comma-separated, null and undefined leave the variable unset.
 */
export function configFromApp<S, C>(
  settings: S | null,
  env: NodeJS.ProcessEnv,
  asVariables: (settings: S) => Record<string, EnvValue>,
  load: (env: NodeJS.ProcessEnv) => C | null,
): C | null {
  if (!settings) return null;
  const variables: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(asVariables(settings)))
    if (value !== null && value !== undefined)
      variables[name] = Array.isArray(value) ? value.join(",") : String(value);
  return load({ ...env, ...variables });
}
