import { ENV_NAMES } from "./env-schema.js";

const KNOWN: ReadonlySet<string> = new Set(ENV_NAMES);

/**
 * The optional JSON config file: an object keyed by the same names as the environment
 * (`{"STALE_NUDGE_HOURS": 12, "DISCORD_CHANNELS": ["123", "456"]}`). Numbers and booleans become
 * strings, arrays comma lists, so one schema validates both sources. Problems are appended.
 */
export function readConfigFile(
  path: string,
  readFile: ((path: string) => string) | undefined,
  problems: string[],
): Record<string, string> {
  if (!readFile) {
    problems.push(`CONFIG_FILE: cannot read ${path} here`);
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(
      `CONFIG_FILE: ${code ? `cannot read ${path} (${code})` : `${path} is not valid JSON: ${(error as Error).message}`}`,
    );
    return {};
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    problems.push(`CONFIG_FILE: ${path} must hold a JSON object of settings`);
    return {};
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(data)) {
    if (!KNOWN.has(name)) {
      problems.push(`CONFIG_FILE: ${path} has an unknown setting "${name}"`);
      continue;
    }
    if (Array.isArray(value)) values[name] = value.map(String).join(",");
    else if (["string", "number", "boolean"].includes(typeof value)) values[name] = String(value);
    else problems.push(`${name} (from ${path}): must be a string, number or list`);
  }
  return values;
}
