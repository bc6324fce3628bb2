import { join } from "node:path";
import { build } from "esbuild";

/**
 * Bundles a bot process entry (test/fakes/<platform>/bot-process.ts) into one file, so each
 * restart of a kill test starts in well under a second. The bundle lives inside the repository,
 * so its package imports resolve from node_modules. Returns the bundle's path.
 */
export async function bundleBotProcess(platform: "discord" | "slack"): Promise<string> {
  const outfile = join(import.meta.dirname, `../../dist/test-bundles/${platform}-bot.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, platform, "bot-process.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  return outfile;
}
