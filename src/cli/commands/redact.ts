import { redact } from "../../core/redact/redact.js";
import { loadKnowledge } from "../../knowledge/load.js";
import type { Command } from "../io.js";

/** Placeholder wiring: reads all of stdin; the redaction issue replaces it with a streaming version. */
export const redactCommand: Command = async (_args, io) => {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString("utf8");
  io.stdout.write(redact(text, loadKnowledge().secretRules).text);
  return 0;
};
