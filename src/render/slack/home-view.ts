import type { LifecycleState } from "../../model/thread-state.js";
import { type Block, context, type HomeView, LIMITS, plain, section } from "./block-kit.js";
import { splitText } from "./fit-blocks.js";
import { escapeMrkdwn, link, userRef } from "./mrkdwn.js";

/** What the adapter knows about an open thread, for the staff's App Home. */
export interface HomeThread {
  threadKey: string;
  title: string;
  url?: string;
  state: LifecycleState;
  assignee: string | null;
  lastActivity: Date;
}

/** A bot message the outbox gave up on: staff should know the thread is missing it. */
export interface HomeUndelivered {
  threadKey: string;
  /** The action kind ("reply", "handoff_card"…). */
  what: string;
  error: string;
  deadAt: string;
}

export interface HomeInput {
  threads: readonly HomeThread[];
  /** Newest first; the section is left out when empty. */
  undelivered?: readonly HomeUndelivered[];
  now: Date;
  staleSoonHours: number;
  isStaff: boolean;
}

/** Most threads listed per group; App Home allows 100 blocks and a long list helps nobody. */
const PER_GROUP = 25;

/** Slack renders `<!date^…>` in each reader's own time zone; the text after | is the fallback. */
function when(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${date.toISOString().slice(0, 16)}Z>`;
}

function line(t: HomeThread): string {
  const who = t.assignee ? ` · ${userRef(t.assignee)}` : "";
  return `• ${link(t.url, t.title)} · last activity ${when(t.lastActivity)}${who}`;
}

function group(title: string, threads: HomeThread[]): Block[] {
  const sorted = [...threads].sort((a, b) => a.lastActivity.getTime() - b.lastActivity.getTime());
  const lines = sorted.slice(0, PER_GROUP).map(line);
  if (sorted.length > PER_GROUP) lines.push(`…and ${sorted.length - PER_GROUP} more`);
  const body = lines.length > 0 ? lines.join("\n") : "_None_";
  return [
    { type: "header", text: plain(`${title} (${threads.length})`) },
    ...splitText(body, LIMITS.sectionText).map(section),
    { type: "divider" },
  ];
}

function undeliveredBlocks(dead: readonly HomeUndelivered[]): Block[] {
  if (dead.length === 0) return [];
  const lines = dead
    .slice(0, PER_GROUP)
    .map((d) => `• ${escapeMrkdwn(d.what)} in \`${d.threadKey}\` · ${escapeMrkdwn(d.error)}`);
  return [
    { type: "header", text: plain(`Not delivered (${dead.length})`) },
    context("Bot messages given up on after repeated failures; /card in the thread lists them."),
    ...splitText(lines.join("\n"), LIMITS.sectionText).map(section),
  ];
}

const HELP = [
  "*Rate-limit triage*",
  "Post your 429 / rate-limit problem in a support channel, or mention me in any thread I can read. I reply in the thread and keep the reply up to date as you add details.",
  "• `/triage` opens a form for your tool version, the raw error and `openclaw models status --probe`.",
  "• Share logs and traces as files (`.jsonl`, `.log`, `.txt`, `.json`, `.gz`); I read them in the thread.",
  "• API keys and tokens are removed before anything is stored or posted.",
].join("\n");

/**
 * App Home: staff get the open threads by what they need (awaiting the user, handed off and
 * unclaimed, going stale soon); everyone else gets how to ask for help.
 */
export function renderHomeView(input: HomeInput): HomeView {
  if (!input.isStaff) return { type: "home", blocks: [section(HELP)] };
  const staleMs = input.staleSoonHours * 3600_000;
  const idle = (t: HomeThread) => input.now.getTime() - t.lastActivity.getTime() >= staleMs;
  const awaiting = input.threads.filter((t) => t.state === "awaiting_user");
  const blocks: Block[] = [
    context(`Open rate-limit threads · updated ${when(input.now)}`),
    ...group(
      "Awaiting the user",
      awaiting.filter((t) => !idle(t)),
    ),
    ...group(
      "Handed off, unclaimed",
      input.threads.filter((t) => t.state === "handed_off" && !t.assignee),
    ),
    ...group("Stale soon", awaiting.filter(idle)),
    ...undeliveredBlocks(input.undelivered ?? []),
  ];
  return { type: "home", blocks: blocks.slice(0, LIMITS.blocksPerView) };
}
