import { afterEach, describe, expect, it } from "vitest";
import type { Action } from "../../src/conversation/port.js";
import { webUrlFor } from "../../src/github/repo-ref.js";
import { createIssueFiler } from "../../src/github/setup.js";
import { renderHandoffCard } from "../../src/render/markdown/handoff-card.js";
import { type FakeGitHub, startFakeGitHub } from "../fakes/github/fake-github.js";
import { threadFixture } from "../helpers/fixtures.js";
import { alice, carol, Harness, kb, ofType, sam } from "./support/harness.js";

const ISSUES = "/repos/openclaw/openclaw/issues";
const KEY = "AIzaSyD3xamp1eK3yThatIsNotRealButLooksIt0";
const THREAD_URL = "https://discord.com/channels/1456350064065904867/1467000000000000001";

let h: Harness | undefined;
let fake: FakeGitHub | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

/** The seed thread (a provider incident the tool's message hides), said by alice. */
async function seedThread(harness: Harness, extra = ""): Promise<void> {
  const thread = threadFixture("openclaw-incident-whole-thread");
  let first = true;
  for (const m of thread.messages) {
    await harness.say(alice, first ? `${m.content}${extra}` : m.content, {
      ...(first ? { title: thread.title ?? "", url: THREAD_URL } : {}),
    });
    first = false;
  }
}

const ephemeral = (actions: readonly Action[]) => {
  const [shown] = ofType(actions, "ephemeral");
  if (!shown) throw new Error(`no ephemeral answer in ${JSON.stringify(actions)}`);
  return shown;
};

describe("/issue without a GitHub token", () => {
  it("answers privately with the title and the pre-filled link, no secret in either", async () => {
    h = new Harness();
    await seedThread(h, `\nmy config: GEMINI_API_KEY=${KEY}`);
    const actions = await h.command(alice, "issue");
    expect(actions.map((a) => a.type)).toEqual(["ephemeral"]);
    const shown = ephemeral(actions);
    expect(shown.userId).toBe(alice.id);
    expect(shown.text).toMatch(/^📝 Draft issue for openclaw\/openclaw: \*\*\[Bug\]: google\//);
    expect(shown.issue?.url).toMatch(
      /^https:\/\/github\.com\/openclaw\/openclaw\/issues\/new\?template=bug_report\.yml&title=/,
    );
    expect(shown.text).toContain(`(${shown.issue?.url})`);
    expect(shown.issue?.confirm).toEqual([]);
    expect(shown.text).not.toContain("Duplicate search");
    const everything =
      JSON.stringify(actions) + JSON.stringify(h.query("SELECT * FROM issue_reports"));
    expect(everything).not.toContain(KEY.slice(4, 16));
    expect(decodeURIComponent(shown.issue?.url ?? "")).not.toContain(KEY.slice(4, 16));

    const [row] = h.query<{ status: string; url: string; fingerprint: string; draft: string }>(
      "SELECT status, url, fingerprint, draft FROM issue_reports",
    );
    expect(row?.status).toBe("requested");
    expect(row?.url).toBe(shown.issue?.url);
    expect(row?.fingerprint).toMatch(/^rlt-[0-9a-f]{12}$/);
    expect(JSON.parse(row?.draft ?? "{}").reason).toBe("provider_incident");
  });

  it("staff asking makes the reason 'staff'; confirming says filing is not configured", async () => {
    h = new Harness();
    await seedThread(h);
    await h.command(sam, "issue");
    const [row] = h.query<{ draft: string }>("SELECT draft FROM issue_reports");
    expect(JSON.parse(row?.draft ?? "{}").reason).toBe("staff");
    const shown = ephemeral(await h.command(sam, "issue_confirm", "create"));
    expect(shown.text).toContain("not configured");
    expect(shown.issue?.url).toMatch(/^https:\/\/github\.com\/openclaw\/openclaw\/issues\/new\?/);
  });

  it("the handoff card carries the pre-filled link when the verdict offers an issue", async () => {
    h = new Harness();
    await seedThread(h);
    const shown = ephemeral(await h.command(sam, "card"));
    expect(shown.card?.issueUrl).toMatch(
      /^https:\/\/github\.com\/openclaw\/openclaw\/issues\/new\?/,
    );
    expect(shown.text).toContain("**GitHub issue**: not filed yet; [open the pre-filled form](");
  });
});

describe("/issue with a GitHub token (fake GitHub on 127.0.0.1)", () => {
  async function withFiler(): Promise<Harness> {
    const gh = await startFakeGitHub({ secondMs: 100 });
    fake = gh;
    return new Harness({}, (store) => ({
      webUrl: webUrlFor(gh.url),
      filer: createIssueFiler({ token: gh.token, repo: "openclaw/openclaw", apiUrl: gh.url }, kb, {
        ledger: store.issueLedger(),
        client: { spacing: false, retryAfterBaseMs: 100, throttleId: `conv-${Math.random()}` },
      }),
    }));
  }

  it("previews with duplicates searched and a create option; staff confirm files once", async () => {
    h = await withFiler();
    const gh = fake as FakeGitHub;
    await seedThread(h);
    const preview = ephemeral(await h.command(sam, "issue"));
    expect(preview.text).toContain("No open or recently closed issue in openclaw/openclaw");
    expect(preview.issue?.confirm).toEqual([{ action: "create", argument: "create" }]);
    expect(gh.requestsTo("GET", "/search/issues")).toHaveLength(1);
    expect(JSON.stringify(preview)).not.toContain(gh.token);

    const filed = ephemeral(await h.command(sam, "issue_confirm", "create"));
    expect(filed.text).toMatch(/^✅ Filed as \[#(\d+)\]\(/);
    expect(gh.requestsTo("POST", ISSUES)).toHaveLength(1);

    const again = ephemeral(await h.command(sam, "issue_confirm", "create"));
    expect(again.text).toMatch(/^Already done before: ✅ Filed as \[#(\d+)\]/);
    expect(again.text.match(/#\d+/)?.[0]).toBe(filed.text.match(/#\d+/)?.[0]);
    expect(gh.requestsTo("POST", ISSUES)).toHaveLength(1);

    const rows = h.query<{ status: string; issue_number: number | null }>(
      "SELECT status, issue_number FROM issue_reports ORDER BY at, rowid",
    );
    expect(rows.map((r) => r.status)).toEqual(["requested", "filed", "filed"]);
    const card = ephemeral(await h.command(sam, "card"));
    expect(card.card?.issueFiled?.number).toBe(rows[1]?.issue_number);
    expect(renderHandoffCard(card.card ?? ({} as never), kb)).toContain(
      "**GitHub issue**: filed as [#",
    );
  });

  it("after a restart the SQLite ledger still knows: no second issue", async () => {
    h = await withFiler();
    const gh = fake as FakeGitHub;
    await seedThread(h);
    await h.command(sam, "issue");
    await h.command(sam, "issue_confirm", "create");
    await h.restart();
    const again = ephemeral(await h.command(alice, "issue_confirm", "create"));
    expect(again.text).toContain("Already done before");
    expect(gh.requestsTo("POST", ISSUES)).toHaveLength(1);
  });

  it("someone who is neither staff nor the reporter sees no buttons and cannot file", async () => {
    h = await withFiler();
    const gh = fake as FakeGitHub;
    await seedThread(h);
    expect(ephemeral(await h.command(carol, "issue")).issue?.confirm).toEqual([]);
    expect(ephemeral(await h.command(carol, "issue_confirm", "create")).text).toMatch(
      /^Only the person who opened the thread/,
    );
    expect(gh.requestsTo("POST", ISSUES)).toHaveLength(0);
  });
});
