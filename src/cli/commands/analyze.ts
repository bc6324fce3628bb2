import { joinThreads, parseThreadInput } from "../../core/input/parse-thread.js";
import { triage } from "../../triage.js";
import { takeChartOption, writeChart } from "../chart-file.js";
import { type Command, UsageError } from "../io.js";
import { cliKnowledge } from "../knowledge.js";
import { decodeText, MAX_STDIN_BYTES, readAllText, readHead } from "../read-input.js";

/** `analyze [--json] [--chart OUT.png|OUT.svg] [FILE ...]`: triage one thread from files (several = one thread) or stdin. */
export const analyzeCommand: Command = async (allArgs, io) => {
  const { chart, rest: args } = takeChartOption(allArgs);
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  const unknownFlag = files.find((f) => f.startsWith("--") && f !== "--");
  if (unknownFlag) throw new UsageError(`unknown option ${unknownFlag}`);
  const inputs: Array<{ name: string; text: string }> = [];
  if (files.length === 0) {
    inputs.push({ name: "standard input", text: await readAllText(io.stdin, "standard input") });
  } else {
    for (const file of files.filter((f) => f !== "--")) {
      let buffer: Buffer;
      try {
        buffer = await readHead(file, MAX_STDIN_BYTES);
      } catch (error) {
        throw new UsageError(
          `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
      inputs.push({ name: file, text: decodeText(buffer, file) });
    }
  }
  const thread = joinThreads(inputs.map((i) => parseThreadInput(i.text).thread));
  if (thread.messages.every((m) => m.content.trim() === "" && (m.attachments ?? []).length === 0)) {
    throw new UsageError("the input is empty: paste the thread, an error body or a transcript");
  }
  const { report, analysis } = triage(thread, await cliKnowledge(), new Date());
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : report.reply);
  if (chart) await writeChart(chart, analysis.timeline, io);
  return 0;
};
