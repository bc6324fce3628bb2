import type { Command } from "../io.js";
import { UsageError } from "../io.js";

/** Placeholder until the OpenClaw trace reader lands (issue 3). */
export const traceCommand: Command = async () => {
  throw new UsageError("trace is not available yet");
};
