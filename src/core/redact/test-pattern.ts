/** `RegExp.test` that ignores a global regex's leftover `lastIndex`, so shared patterns stay safe. */
export function testPattern(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(value);
}
