import { describe, expect, it } from "vitest";
import {
  compileKnowledge,
  KnowledgeError,
  type RawKnowledge,
} from "../../src/knowledge/compile.js";
import { loadKnowledge, readRawKnowledge } from "../../src/knowledge/load.js";

describe("loadKnowledge", () => {
  it("loads and compiles every data file of the project", () => {
    const kb = loadKnowledge();
    expect(kb.providers.map((p) => p.id)).toContain("google");
    expect(kb.secretRules.length).toBeGreaterThan(0);
  });

  it("names the file and the path of a broken entry", () => {
    const raw: RawKnowledge = {
      ...readRawKnowledge(),
      providers: [{ file: "data/providers.json", data: [{ id: "google", name: 3 }] }],
    };
    expect(() => compileKnowledge(raw)).toThrow(KnowledgeError);
    expect(() => compileKnowledge(raw)).toThrow(/data\/providers\.json at \[0\]\.name/);
  });

  it("rejects a regular expression that does not compile", () => {
    const raw: RawKnowledge = {
      ...readRawKnowledge(),
      providers: [{ file: "p.json", data: [{ id: "google", name: "G", names: ["(unclosed"] }] }],
    };
    expect(() => compileKnowledge(raw)).toThrow(/bad regular expression/);
  });
});
