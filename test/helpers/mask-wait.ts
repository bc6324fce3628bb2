/**
 * A reply with its wait line masked. The line states the provider's wait from the time of the
 * message that gave it, or says the wait is over: two runs of the same thread at different clock
 * times differ there and nowhere else.
 */
export function maskWait(text: string): string {
  return text.replace(/^.*⏱️.*$/gmu, "⏱️ (the wait)");
}
