import { redact } from "./redact.js";
import type { SecretRule } from "./types.js";

/** Deeper than this, values are left to the caller's final text pass (the logger has one). */
const MAX_DEPTH = 12;

/**
 * A copy of `value` with every string inside it redacted: arrays, plain objects and errors
 * (message, stack, cause, own fields) are walked; cycles are kept as cycles. Other objects
 * (Date, Buffer, class instances with toJSON) are returned as they are.
 */
export function redactValue<T>(value: T, rules: readonly SecretRule[]): T {
  return walk(value, rules, 0, new WeakMap()) as T;
}

function walk(
  value: unknown,
  rules: readonly SecretRule[],
  depth: number,
  seen: WeakMap<object, unknown>,
): unknown {
  if (typeof value === "string") return redact(value, rules).text;
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return value;
  const copied = seen.get(value);
  if (copied !== undefined) return copied;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(walk(item, rules, depth + 1, seen));
    return out;
  }
  if (value instanceof Error) return copyError(value, rules, depth, seen);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [key, item] of Object.entries(value)) out[key] = walk(item, rules, depth + 1, seen);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Keeps the prototype so `instanceof` and pino's error serializer still see an error. */
function copyError(
  error: Error,
  rules: readonly SecretRule[],
  depth: number,
  seen: WeakMap<object, unknown>,
): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  seen.set(error, copy);
  for (const [key, item] of Object.entries(error))
    (copy as unknown as Record<string, unknown>)[key] = walk(item, rules, depth + 1, seen);
  const own = (key: "message" | "stack" | "name" | "cause", v: unknown) =>
    Object.defineProperty(copy, key, { value: v, writable: true, configurable: true });
  own("message", redact(error.message, rules).text);
  if (error.stack !== undefined) own("stack", redact(error.stack, rules).text);
  if (Object.hasOwn(error, "name")) own("name", error.name);
  if (error.cause !== undefined) own("cause", walk(error.cause, rules, depth + 1, seen));
  return copy;
}
