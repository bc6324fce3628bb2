import { describe, expect, it } from "vitest";
import { threadLanguage } from "../../src/core/language.js";
import { loadKnowledge } from "../../src/knowledge/load.js";

const kb = loadKnowledge();
const lang = (...messages: string[]) =>
  threadLanguage({ messages: messages.map((content) => ({ role: "reporter", content })) }, kb);

describe("the language a thread is written in", () => {
  it.each([
    ["en", "I keep getting 429 errors from the API even though my usage is low, what is going on?"],
    ["es", "Desde ayer me sale un 429 en cada mensaje y no he llegado ni al 10% de la cuota."],
    ["pt", "Desde ontem toda requisição falha com 429 e eu não passei de 10% da cota, o que faço?"],
    ["de", "Seit gestern bekomme ich bei jeder Anfrage einen 429, obwohl ich kaum etwas nutze."],
    ["zh", "从昨天开始每次请求都报 429，但是用量还不到百分之十。"],
    ["ja", "昨日からすべてのリクエストで 429 が出ます。使用量はまだ少ないはずです。"],
    ["ko", "어제부터 모든 요청에서 429 오류가 나요. 사용량은 아직 적어요."],
  ])("%s", (expected, text) => {
    expect(lang(text)).toBe(expected);
  });

  it("error bodies and code in another thread's language do not count", () => {
    expect(
      lang(
        'Hola, el gateway devuelve esto cada vez:\n```\n{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details."}}\n```\n¿Alguien sabe por qué?',
      ),
    ).toBe("es");
  });

  it("a few short words shared with another language keep an English thread English", () => {
    expect(lang("I do the same thing as die-hard users and am still limited on the Pro plan")).toBe(
      "en",
    );
  });
});
