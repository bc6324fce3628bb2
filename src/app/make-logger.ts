import { type Logger, pino } from "pino";
import type { Config } from "../config/config.js";
import { createLogger } from "../logger.js";

/**
 * Console mode keeps stdout for the conversation: logs go to LOG_FILE or stderr. Writes are
 * synchronous appends, so the main thread and the engine thread can share the file or stream.
 */
export function makeLogger(config: Config, consoleMode: boolean): Logger {
  const level = config.logLevel ?? (consoleMode ? "warn" : "info");
  const destination = config.logFile
    ? pino.destination({ dest: config.logFile, mkdir: true, sync: true })
    : pino.destination({ fd: consoleMode ? 2 : 1, sync: true });
  return createLogger(level, { destination });
}
