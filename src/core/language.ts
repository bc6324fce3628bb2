import type { Knowledge } from "../knowledge/knowledge.js";
import type { Thread } from "./thread.js";

/** Code, inline code, URLs and JSON say nothing about the language a person writes in. */
function prose(text: string): string {
  return text
    .replace(/```[\s\S]*?(?:```|$)/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/^\s*[{["].*$/gm, " ");
}

function count(pattern: RegExp | null, text: string): number {
  if (!pattern) return 0;
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`,
  );
  return text.match(global)?.length ?? 0;
}

const KANA = /[\u3040-\u30ff]/g;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/g;
const HAN = /[\u4e00-\u9fff\u3400-\u4dbf]/g;
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

/**
 * The language the people in a thread write in (an id of data/languages.json), from their own
 * messages: CJK by script, the others by how many of their common words the text holds against
 * English's. Error bodies and code are English in every language's thread, so they are left out.
 */
export function threadLanguage(thread: Thread, kb: Knowledge): string {
  const text = prose(
    thread.messages
      .filter((m) => m.role !== "bot" && m.role !== "staff")
      .map((m) => m.content)
      .join("\n"),
  );
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  const kana = text.match(KANA)?.length ?? 0;
  const hangul = text.match(HANGUL)?.length ?? 0;
  const han = text.match(HAN)?.length ?? 0;
  const cjk = kana + hangul + han;
  if (cjk >= 4 && cjk >= latinWords * 0.5) {
    if (hangul > kana + han) return "ko";
    return kana >= 2 ? "ja" : "zh";
  }
  const english = count(kb.languages.find((l) => l.id === "en")?.common ?? null, text);
  let best = { id: "en", hits: english };
  for (const l of kb.languages) {
    if (l.id === "en" || l.id === "zh" || l.id === "ja" || l.id === "ko") continue;
    const hits = count(l.common ?? l.detect, text);
    if (hits > best.hits) best = { id: l.id, hits };
  }
  // A handful of shared short words ("de", "do", "die") in an English thread is not German.
  return best.id !== "en" && best.hits >= 3 && best.hits >= english * 1.5 ? best.id : "en";
}
