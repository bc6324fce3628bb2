/**
 * Polls until `probe` returns a value other than undefined/false: for state the bot changes after
 * a fake saw the call (e.g. recordSent runs once chat.postMessage has answered).
 */
export async function eventually<T>(
  probe: () => T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
