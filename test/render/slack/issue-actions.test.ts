import { describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../../src/render/slack/ids.js";
import {
  issueActions,
  issueButtonValue,
  parseIssueButtonValue,
} from "../../../src/render/slack/issue-actions.js";

const KEY = "slack:C1:1700000000.000100";

describe("issue preview buttons (Slack)", () => {
  it("draws Add to #N and File issue, each carrying the thread and the choice", () => {
    const block = issueActions(KEY, {
      url: "https://github.com/o/r/issues/new?title=t",
      confirm: [
        { action: "comment", issueNumber: 12, argument: "comment:12" },
        { action: "create", argument: "create" },
      ],
    });
    expect(block?.type).toBe("actions");
    const elements = block?.type === "actions" ? block.elements : [];
    expect(elements.map((e) => [e.action_id, e.text.text, e.value])).toEqual([
      [ACTION_IDS.issueComment, "Add to #12", `${KEY}|comment:12`],
      [ACTION_IDS.issueCreate, "File issue", `${KEY}|create`],
    ]);
  });

  it("draws nothing without choices; values parse back", () => {
    expect(issueActions(KEY, { url: "u", confirm: [] })).toBeNull();
    expect(issueActions(KEY, undefined)).toBeNull();
    expect(parseIssueButtonValue(issueButtonValue(KEY, "comment:3"))).toEqual({
      threadKey: KEY,
      argument: "comment:3",
    });
    expect(parseIssueButtonValue("nothing")).toBeNull();
  });
});
