/**
 * `npm run bench`: runs every suite in bench/suites/ in turn and prints its numbers.
 * Speed lives here, never as timings asserted in tests.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface BenchSuite {
  name: string;
  run(): Promise<string[]>;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), "suites");
const only = process.argv.slice(2);
for (const file of readdirSync(dir).sort()) {
  if (!file.endsWith(".ts")) continue;
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { suite: BenchSuite };
  if (only.length > 0 && !only.some((o) => mod.suite.name.includes(o))) continue;
  process.stdout.write(`\n## ${mod.suite.name}\n`);
  for (const line of await mod.suite.run()) process.stdout.write(`${line}\n`);
}
