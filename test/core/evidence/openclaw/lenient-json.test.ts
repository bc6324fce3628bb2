import { describe, expect, it } from "vitest";
import {
  findJsonObjects,
  parseLenientJson,
} from "../../../../src/core/evidence/openclaw/lenient-json.js";

describe("parseLenientJson", () => {
  it("reads whole documents like JSON.parse", () => {
    const text = '{"a":[1,2,{"b":"c\\n\\u00e9"}],"d":null,"e":true,"f":-1.5e3}';
    expect(parseLenientJson(text, 0)).toEqual({
      value: JSON.parse(text),
      end: text.length,
      complete: true,
    });
  });

  it("closes what a cut left open and drops the member being read", () => {
    expect(parseLenientJson('{"a": 1, "b": {"c": [1, 2', 0)).toEqual({
      value: { a: 1, b: { c: [1, 2] } },
      end: 25,
      complete: false,
    });
    expect(parseLenientJson('{"a": 1, "b": "unfinished', 0)?.value).toEqual({ a: 1 });
    expect(parseLenientJson('{"a": 1, "b"', 0)?.value).toEqual({ a: 1 });
  });

  it("stops at damage and keeps what came before", () => {
    expect(parseLenientJson('{"a": 1, ... }', 0)).toMatchObject({
      value: { a: 1 },
      complete: false,
    });
  });

  it("does not recurse without end and ignores __proto__", () => {
    expect(parseLenientJson("[".repeat(10_000), 0)).not.toBeNull();
    const parsed = parseLenientJson('{"__proto__": {"x": 1}, "y": 2}', 0);
    expect(parsed?.value).toEqual({ y: 2 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("findJsonObjects", () => {
  it("finds top-level objects by their first key, skipping nested ones", () => {
    const text =
      'log line\n{"configPath": "x", "auth": {"configPath": "nested"}}\nmore {"other": 1}';
    const found = findJsonObjects(text, ["configPath"]);
    expect(found).toHaveLength(1);
    expect(found[0]?.value.configPath).toBe("x");
  });
});
