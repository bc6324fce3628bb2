import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { App } from "@slack/bolt";
import { describe, expect, test } from "vitest";
import { registerButtons } from "../../../src/adapters/slack/buttons.js";
import { registerCommands } from "../../../src/adapters/slack/commands.js";
import { registerEvents } from "../../../src/adapters/slack/events.js";
import type { SlackRuntime } from "../../../src/adapters/slack/runtime.js";
import { trustedText } from "../../../src/core/redact/redact.js";
import { loadKnowledge } from "../../../src/knowledge/load.js";
import { renderHandoffCard } from "../../../src/render/slack/handoff-card.js";
import { ACTION_IDS } from "../../../src/render/slack/ids.js";
import { issueActions } from "../../../src/render/slack/issue-actions.js";
import { renderReplyMessage } from "../../../src/render/slack/reply-message.js";
import { triage } from "../../../src/triage.js";

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; url: string }>;
    shortcuts: Array<{ type: string; callback_id: string }>;
    app_home: { home_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(readFileSync("slack/manifest.json", "utf8")) as Manifest;

/**
 * The names a listener is registered for: a string, or the adapter's `^(?:a|b)$` of several
 * (one listener for many: see src/adapters/slack/buttons.ts).
 */
function namesOf(matcher: string | RegExp): string[] {
  if (typeof matcher === "string") return [matcher];
  const alternatives = /^\^\(\?:(.*)\)\$$/.exec(matcher.source)?.[1];
  if (alternatives === undefined) throw new Error(`not a list of names: ${matcher}`);
  return alternatives.split("|").map((name) => name.replace(/\\(.)/g, "$1"));
}

/** What the adapter registers with Bolt, captured by a stand-in App. */
function registered() {
  const seen = {
    events: [] as string[],
    commands: [] as string[],
    shortcuts: [] as string[],
    actions: [] as string[],
    views: [] as string[],
  };
  const app = {
    event: (name: string | RegExp) => seen.events.push(...namesOf(name)),
    command: (name: string | RegExp) => seen.commands.push(...namesOf(name)),
    shortcut: (id: string | RegExp) => seen.shortcuts.push(...namesOf(id)),
    action: (id: string | RegExp) => seen.actions.push(...namesOf(id)),
    view: (id: string | RegExp) => seen.views.push(...namesOf(id)),
  } as unknown as App;
  const rt = {} as SlackRuntime;
  registerEvents(app, rt);
  registerCommands(app, rt);
  registerButtons(app, rt);
  return seen;
}

/** Manifest event names for a Bolt event: `message` arrives per conversation type. */
const MANIFEST_EVENTS: Record<string, string[]> = {
  message: ["message.channels", "message.groups"],
  app_mention: ["app_mention"],
  app_home_opened: ["app_home_opened"],
};

/** The bot scope each Web API method the adapter calls needs (none for some). */
const METHOD_SCOPES: Record<string, string | null> = {
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.postEphemeral": "chat:write",
  "chat.getPermalink": null,
  // No scope: Bolt calls it at start too; its `url` is the workspace's, for permalinks.
  "auth.test": null,
  "views.open": null,
  "views.publish": null,
  "conversations.replies": "channels:history",
  "conversations.history": "channels:history",
  "users.info": "users:read",
  "usergroups.users.list": "usergroups:read",
  "reactions.add": "reactions:write",
  "files.info": "files:read",
};

/** Bolt's helpers that call several methods: getUploadURLExternal and completeUploadExternal. */
const HELPER_SCOPES: Record<string, string> = { filesUploadV2: "files:write" };

/** Web API methods called anywhere in src/adapters/slack (`client.chat.postMessage(`…). */
function calledMethods(): string[] {
  const dir = "src/adapters/slack";
  const methods = new Set<string>();
  for (const file of readdirSync(dir)) {
    const source = readFileSync(join(dir, file), "utf8");
    for (const m of source.matchAll(/client\.((?:[a-z]+\.)+[a-zA-Z]+)\(/g))
      if (m[1]) methods.add(m[1]);
  }
  return [...methods].sort();
}

describe("slack/manifest.json matches what the code registers", () => {
  const seen = registered();

  test("commands and message shortcuts", () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(seen.commands);
    expect(
      manifest.features.shortcuts.filter((s) => s.type === "message").map((s) => s.callback_id),
    ).toEqual(seen.shortcuts);
  });

  test("bot events, with their scopes", () => {
    const expected = seen.events.flatMap((e) => MANIFEST_EVENTS[e] ?? [`unmapped:${e}`]).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(expected);
    const scopes = manifest.oauth_config.scopes.bot;
    expect(scopes).toEqual(
      expect.arrayContaining([
        "app_mentions:read",
        "channels:history",
        "groups:history",
        "commands",
      ]),
    );
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  test("every Web API method the adapter calls has its scope (and files:read for downloads)", () => {
    const methods = calledMethods();
    expect(methods.length).toBeGreaterThan(5);
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    for (const method of methods) {
      expect(
        method in METHOD_SCOPES,
        `add ${method}'s scope to METHOD_SCOPES and the manifest`,
      ).toBe(true);
      const scope = METHOD_SCOPES[method];
      if (scope) expect(scopes.has(scope), `${method} needs ${scope}`).toBe(true);
    }
    expect(scopes.has("files:read")).toBe(true);
  });

  test("helpers that upload (the reply's chart) have files:write", () => {
    const dir = "src/adapters/slack";
    const sources = readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8"));
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    const used = Object.keys(HELPER_SCOPES).filter((h) =>
      sources.some((s) => s.includes(`client.${h}(`)),
    );
    expect(used).toEqual(["filesUploadV2"]);
    for (const helper of used) expect(scopes.has(HELPER_SCOPES[helper] ?? "")).toBe(true);
  });

  test("interactivity is on and goes to Bolt's single endpoint; Socket Mode is off by default", () => {
    const url = manifest.settings.event_subscriptions.request_url;
    expect(url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    for (const c of manifest.features.slash_commands) expect(c.url).toBe(url);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  test("every button the renderers draw has a handler, and every handler a button", () => {
    const { report, doc } = triage(
      { messages: [{ content: "429 Too Many Requests" }] },
      loadKnowledge(),
      new Date("2026-01-01T00:00:00Z"),
    );
    const reply = renderReplyMessage(doc, report, "slack:C1:1.2");
    const card = renderHandoffCard({
      threadKey: "slack:C1:1.2",
      title: "t",
      state: "handed_off",
      summary: trustedText("s"),
      report,
      askedAndAnswered: [],
      redactionKinds: [],
      assignee: null,
    });
    const issue = issueActions("slack:C1:1.2", {
      url: "https://github.com/o/r/issues/new?title=t",
      confirm: [
        { action: "comment", issueNumber: 7, argument: "comment:7" },
        { action: "create", argument: "create" },
      ],
    });
    const drawn = [...reply.blocks, ...card.blocks, ...(issue ? [issue] : [])]
      .flatMap((b) => (b.type === "actions" ? b.elements : []))
      .map((e) => e.action_id);
    expect(new Set(drawn)).toEqual(new Set(seen.actions));
    expect(new Set(seen.actions)).toEqual(new Set(Object.values(ACTION_IDS)));
    expect(seen.views).toEqual(["triage_paste_details_view"]);
  });

  test("docs/slack.md names every command, shortcut, button and event", () => {
    const docs = readFileSync("docs/slack.md", "utf8");
    for (const name of [
      ...seen.commands,
      ...seen.shortcuts,
      ...seen.actions,
      ...manifest.settings.event_subscriptions.bot_events,
      ...manifest.oauth_config.scopes.bot,
    ])
      expect(docs, name).toContain(name);
  });
});
