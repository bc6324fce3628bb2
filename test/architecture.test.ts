import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ImportRef, importsOf, readImports, resolveLocal } from "./helpers/import-graph.js";

const ROOT = join(import.meta.dirname, "..");

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${folder}/${f.split("\\").join("/")}`);
}

/** The layers store/ and render/ sit under: they may not name anything above them. */
const ABOVE_STORE_AND_RENDER = ["src/conversation/", "src/adapters/", "src/main.ts", "src/cli/"];

/** Packages a core module may load: pure computation only. */
const PURE_PACKAGES = new Set(["zod", "mustache", "node:crypto"]);

function upwardImports(file: string, refs: readonly ImportRef[]): string[] {
  return refs
    .map((r) => resolveLocal(ROOT, file, r.specifier))
    .filter((p): p is string => p !== null)
    .filter((p) => ABOVE_STORE_AND_RENDER.some((above) => p.startsWith(above)));
}

/** The local modules under `folder` that `file` imports, types included. */
function importsInto(file: string, refs: readonly ImportRef[], folder: string): string[] {
  return refs
    .map((r) => resolveLocal(ROOT, file, r.specifier))
    .filter((p): p is string => p?.startsWith(folder) === true);
}

/**
 * Every package reachable from `file` through imports that survive compilation, with the chain
 * that reaches it, so a failure names the module that brought the I/O in.
 */
function reachablePackages(file: string, read = (f: string) => readImports(ROOT, f)) {
  const found: Array<{ pkg: string; via: string[] }> = [];
  const seen = new Set<string>();
  const walk = (current: string, via: string[]) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const ref of read(current)) {
      if (ref.typeOnly) continue;
      const local = resolveLocal(ROOT, current, ref.specifier);
      if (local === null) found.push({ pkg: ref.specifier, via: [...via, current] });
      else walk(local, [...via, current]);
    }
  };
  walk(file, []);
  return found;
}

describe("architecture: imports point down", () => {
  it("store/ and render/ never import conversation/ (or anything above it)", () => {
    const files = [...sourcesUnder("src/store"), ...sourcesUnder("src/render")];
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((file) =>
      upwardImports(file, readImports(ROOT, file)).map((target) => `${file} → ${target}`),
    );
    expect(violations).toEqual([]);
  });

  it("conversation/ depends on the issue tracker port (src/model), never on src/github", () => {
    const files = sourcesUnder("src/conversation");
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((file) =>
      importsInto(file, readImports(ROOT, file), "src/github/").map((t) => `${file} → ${t}`),
    );
    expect(violations).toEqual([]);
  });

  it("core/ reaches no module with I/O, even through other folders", () => {
    const files = sourcesUnder("src/core");
    const violations = files.flatMap((file) =>
      reachablePackages(file)
        .filter(({ pkg }) => !PURE_PACKAGES.has(pkg))
        .map(({ pkg, via }) => `${via.join(" → ")} → ${pkg}`),
    );
    expect(violations).toEqual([]);
  });

  it("the checks catch a violation: an upward import, a concrete filer, and I/O behind a value import", () => {
    const store = 'import type { Action } from "../conversation/port.js";\n';
    expect(upwardImports("src/store/example.ts", importsOf(store))).toEqual([
      "src/conversation/port.ts",
    ]);
    const engine = 'import type { IssueFiler } from "../github/issue-filer.js";\n';
    expect(importsInto("src/conversation/x.ts", importsOf(engine), "src/github/")).toEqual([
      "src/github/issue-filer.ts",
    ]);
    const sources: Record<string, string> = {
      "src/core/example.ts":
        'import type { X } from "./types.js";\nimport { load } from "./io.js";',
      "src/core/types.ts": 'import { readFileSync } from "node:fs";',
      "src/core/io.ts": 'export { readFileSync as load } from "node:fs";',
    };
    const packages = reachablePackages("src/core/example.ts", (f) => importsOf(sources[f] ?? ""));
    expect(packages).toEqual([{ pkg: "node:fs", via: ["src/core/example.ts", "src/core/io.ts"] }]);
  });
});
