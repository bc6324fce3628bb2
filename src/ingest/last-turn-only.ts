import { isAscii } from "node:buffer";

const MESSAGES = Buffer.from('"messages":[');
const ASSISTANT = Buffer.from('{"role":"assistant"');

function decode(bytes: Buffer): string {
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/**
 * A `session:after` line with its transcript cut down to the last assistant message: the text up
 * to `"messages":[`, then the line from that message on. That is all a reader of the line looks at
 * (src/core/trace/session-after.ts searches the last assistant message from the end, the head is
 * before the stage), and the transcript before it is most of the line: a long session's history
 * is sent again with every attempt. Both cuts fall on ASCII bytes, so decoding the two pieces gives
 * the same characters as decoding the whole line. Null when the line has no such message (it is
 * then read whole, which also covers traces written without messages).
 *
 * `payloadAt`: the byte just after the stage value, where the payload starts.
 */
export function lastTurnOnlyLine(line: Buffer, payloadAt: number): string | null {
  const messages = line.indexOf(MESSAGES, payloadAt);
  if (messages < 0) return null;
  const open = messages + MESSAGES.length;
  const last = line.lastIndexOf(ASSISTANT);
  if (last <= open) return null;
  return decode(line.subarray(0, open)) + decode(line.subarray(last));
}
