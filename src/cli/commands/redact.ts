import { once } from "node:events";
import { Writable } from "node:stream";
import { createStreamRedactor } from "../../core/redact/stream-redactor.js";
import type { RedactedPiece } from "../../core/redact/types.js";
import { type CliIo, type Command, UsageError } from "../io.js";
import { cliSecretRules } from "../knowledge.js";

/**
 * Input is decoded as latin1, one character per byte, so every byte that is not part of a
 * secret (invalid UTF-8, CR, NUL) goes back out exactly as it came in; only the inserted
 * markers are encoded, as UTF-8 ("…").
 */
function toBytes(pieces: readonly RedactedPiece[]): Buffer {
  return Buffer.concat(pieces.map((p) => Buffer.from(p.text, p.inserted ? "utf8" : "latin1")));
}

function asLatin1(chunk: unknown): string {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8").toString("latin1");
  return Buffer.from(chunk as Uint8Array).toString("latin1");
}

/** Writes bytes to a Node stream with backpressure; a string-only sink gets (lossy) UTF-8 text. */
async function writeBytes(out: CliIo["stdout"], bytes: Buffer): Promise<void> {
  if (bytes.length === 0) return;
  if (out instanceof Writable) {
    if (!out.write(bytes)) await once(out, "drain");
    return;
  }
  out.write(bytes.toString("utf8"));
}

/** `redact`: stdin to stdout with every secret replaced (docs: shared contract `redact`). */
export const redactCommand: Command = async (args, io) => {
  const extra = args.filter((a) => a !== "-");
  if (extra.length > 0) throw new UsageError(`reads standard input only; unexpected "${extra[0]}"`);
  const redactor = createStreamRedactor(await cliSecretRules());
  for await (const chunk of io.stdin)
    await writeBytes(io.stdout, toBytes(redactor.push(asLatin1(chunk))));
  await writeBytes(io.stdout, toBytes(redactor.end()));
  return 0;
};
