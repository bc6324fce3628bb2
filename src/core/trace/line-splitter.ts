/** Splits text arriving in chunks into lines, without ever holding a line longer than the cap. */
export interface LineSplitter {
  write(chunk: string): void;
  /** Flushes the last line when the input did not end with a newline. */
  end(): void;
}

export interface LineSink {
  line(text: string): void;
  /** A line longer than the cap was skipped (its characters were never accumulated). */
  overlong(): void;
}

/**
 * A line splitter with a cap. Once a partial line passes `maxLineChars`, it is dropped and the rest
 * of it skipped up to the next newline, so one 2 GB line (a trace with a pasted image, say) costs
 * at most the cap in memory and counts as one malformed line. A trailing `\r` is removed.
 */
export function createLineSplitter(sink: LineSink, maxLineChars: number): LineSplitter {
  let pending = "";
  let skipping = false;

  const emit = (text: string) => {
    const line = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (line.length > maxLineChars) sink.overlong();
    else sink.line(line);
  };

  return {
    write(chunk: string): void {
      let start = 0;
      if (skipping) {
        const nl = chunk.indexOf("\n");
        if (nl < 0) return;
        skipping = false;
        start = nl + 1;
      }
      for (;;) {
        const nl = chunk.indexOf("\n", start);
        if (nl < 0) {
          const rest = chunk.slice(start);
          if (pending.length + rest.length > maxLineChars) {
            pending = "";
            skipping = true;
            sink.overlong();
          } else pending = pending.length > 0 ? pending + rest : rest;
          return;
        }
        const piece = chunk.slice(start, nl);
        emit(pending.length > 0 ? pending + piece : piece);
        pending = "";
        start = nl + 1;
      }
    },
    end(): void {
      if (!skipping && pending.length > 0) emit(pending);
      pending = "";
      skipping = false;
    },
  };
}
