import type { Command } from "../io.js";
import { UsageError } from "../io.js";

/** Replaced by the engine wiring (issue 2). */
export const analyzeCommand: Command = async () => {
  throw new UsageError("analyze is not available yet");
};
