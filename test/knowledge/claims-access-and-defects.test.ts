import { describe, expect, it } from "vitest";
import { claimExtractor } from "../../src/core/evidence/claim-evidence.js";
import { loadKnowledge } from "../../src/knowledge/load.js";

const kb = loadKnowledge();
const claimIds = (text: string) =>
  claimExtractor(text, { source: { message: 0 }, kb, now: new Date("2026-12-01T00:00:00Z") }).map(
    (e) => (e.kind === "claim" ? e.id : ""),
  );

/** Each sentence, in its language, must yield the claim; written for these tests. */
const CASES: Record<string, readonly string[]> = {
  "tool_defect=error_as_reply": [
    "The upstream said the account's concurrency limit was exceeded, and the agent posted that error text as a normal assistant reply.",
    "After three 429s the run ended as though nothing had gone wrong: the task was reported as successful.",
    "The wrapper swallows the 429 and the caller never learns the call failed.",
    "上游返回限流错误之后，客户端把错误当成正常回复显示给用户。",
    "Cuando llega el 429, la app muestra el mensaje de error como si fuera la respuesta del modelo.",
    "Quando vem o 429, o app mostra o erro como se fosse a resposta do assistente.",
    "429 が返ってくると、エラーメッセージが通常の回答として表示されてしまう。",
    "Bei einem 429 verschluckt das Plugin den Fehler und meldet Erfolg.",
    "429 오류가 정상 응답처럼 표시돼요.",
  ],
  anonymous_limit: [
    "Downloading skills from the hub keeps failing with rate limit exceeded, from every network I try.",
    "Once I logged in with the CLI the installs worked fine again.",
    "Anonymous requests to the registry get throttled after a handful of installs.",
    "没登录的时候一直被限流，登录之后就好了。",
    "Después de iniciar sesión funciona sin problema.",
    "Depois de fazer login funcionou normalmente.",
    "ログインしたら直った。",
    "Nach dem Login funktioniert es wieder.",
  ],
  credits: [
    "Turned out my free trial credits had expired, so every call came back as a rate limit.",
    "Mis créditos gratuitos ya expiraron la semana pasada.",
    "Os créditos grátis expiraram e agora tudo dá 429.",
    "Das Startguthaben ist abgelaufen, seitdem kommt nur noch 429.",
    "無料クレジットが期限切れになっていた。",
  ],
  incident: [
    "It started during the provider's service degradation this morning, when every model answered 529.",
    "The API was degraded for about an hour and then recovered on its own.",
  ],
};

describe("claims about access, tool defects, credits and incidents", () => {
  for (const [id, sentences] of Object.entries(CASES)) {
    for (const sentence of sentences) {
      it(`${id}: ${sentence.slice(0, 60)}`, () => {
        expect(claimIds(sentence)).toContain(id);
      });
    }
  }

  it("a setting that is silently ignored is not an error passed on as a reply", () => {
    expect(claimIds("The batch option in the config is silently ignored.")).not.toContain(
      "tool_defect=error_as_reply",
    );
  });

  it("an error shown as a reply is no longer read as a missing retry", () => {
    const ids = claimIds("The tool shows the error message as a normal reply.");
    expect(ids).toContain("tool_defect=error_as_reply");
    expect(ids).not.toContain("tool_defect=retry_gap");
  });

  it("pulling a model is not a registry limiter on its own", () => {
    expect(claimIds("Installing a skill from the hub gives me 429 every time.")).toContain(
      "anonymous_limit",
    );
    expect(claimIds("429 while pulling the model")).not.toContain("anonymous_limit");
  });
});
