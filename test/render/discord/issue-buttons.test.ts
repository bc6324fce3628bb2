import { describe, expect, it } from "vitest";
import type { IssueOffer } from "../../../src/conversation/port.js";
import {
  issueCommentId,
  issueCreateId,
  parseCustomId,
} from "../../../src/render/discord/custom-ids.js";
import { issueButtons } from "../../../src/render/discord/issue-buttons.js";

const THREAD = "12345678901234567890";
const URL = "https://github.com/o/r/issues/new?title=t";

describe("issue preview buttons (Discord)", () => {
  it("draws Add to #N and File issue bound to the thread", () => {
    const rows = issueButtons(THREAD, {
      url: URL,
      confirm: [
        { action: "comment", issueNumber: 12, argument: "comment:12" },
        { action: "create", argument: "create" },
      ],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.components.map((b) => [b.label, b.custom_id, b.style])).toEqual([
      ["Add to #12", `rt:issue-comment:${THREAD}:12`, 2],
      ["File issue", `rt:issue-create:${THREAD}`, 1],
    ]);
  });

  it("draws nothing without choices; keeps File issue when there are many duplicates", () => {
    expect(issueButtons(THREAD, undefined)).toEqual([]);
    expect(issueButtons(THREAD, { url: URL, confirm: [] })).toEqual([]);
    const many: IssueOffer = {
      url: URL,
      confirm: [
        ...[1, 2, 3, 4, 5, 6].map((n) => ({
          action: "comment" as const,
          issueNumber: n,
          argument: `comment:${n}` as const,
        })),
        { action: "create", argument: "create" },
      ],
    };
    const buttons = issueButtons(THREAD, many)[0]?.components ?? [];
    expect(buttons).toHaveLength(5);
    expect(buttons.at(-1)?.label).toBe("File issue");
  });

  it("custom ids map back to issue_confirm's argument and stay under 100 characters", () => {
    expect(parseCustomId(issueCreateId(THREAD))).toEqual({
      kind: "issue-confirm",
      threadId: THREAD,
      argument: "create",
    });
    expect(parseCustomId(issueCommentId(THREAD, 999999999))).toEqual({
      kind: "issue-confirm",
      threadId: THREAD,
      argument: "comment:999999999",
    });
    expect(issueCommentId(THREAD, 999999999).length).toBeLessThanOrEqual(100);
    expect(parseCustomId("rt:issue-create:")).toBeNull();
    expect(parseCustomId("rt:issue-create:abc")).toBeNull();
    expect(parseCustomId(`rt:issue-comment:${THREAD}`)).toBeNull();
    expect(parseCustomId(`rt:issue-comment:${THREAD}:x`)).toBeNull();
    expect(parseCustomId("rt:issue")).toEqual({ kind: "issue" });
  });
});
