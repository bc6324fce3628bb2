import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import { createConversation } from "../conversation/engine.js";
import { providerStatusLine } from "../conversation/incidents/provider-status.js";
import type { IssueDeps } from "../conversation/issue.js";
import { createIncidentTracker } from "../github/incident-tracker.js";
import { webUrlFor } from "../github/repo-ref.js";
import { createIssueFiler } from "../github/setup.js";
import type { IssueForm } from "../knowledge/issue-form.js";
import type { Knowledge } from "../knowledge/knowledge.js";
import { StatusPoller } from "../net/status-poller.js";
import type { BotStore } from "../store/open-store.js";

/**
 * Issue drafting: the form, the repository (GITHUB_REPO, else the form's), and with GITHUB_TOKEN
 * a filer whose ledger lives in the bot's database, so a confirm after a restart files nothing twice.
 */
function issueDeps(config: Config, kb: Knowledge, form: IssueForm, store: BotStore): IssueDeps {
  const { token, apiUrl } = config.github;
  const repo = config.github.repo ?? form.repo;
  const filer =
    token && repo
      ? createIssueFiler({ token, repo, apiUrl }, kb, { ledger: store.issueLedger() })
      : null;
  return { form, repo, webUrl: webUrlFor(apiUrl), filer };
}

/** STATUS_POLL_SECONDS > 0: the providers' status feeds (data/providers.json) are polled. */
function startStatusPolling(config: Config, kb: Knowledge, logger: Logger): StatusPoller | null {
  if (config.statusPollSeconds <= 0) return null;
  const feeds = kb.providers.flatMap((p) =>
    p.statusFeed ? [{ provider: p.id, kind: p.statusFeed.kind, url: p.statusFeed.url }] : [],
  );
  const poller = new StatusPoller({
    feeds,
    intervalMs: config.statusPollSeconds * 1000,
    onError: (provider, error) => logger.warn({ err: error, provider }, "status page poll failed"),
  });
  const poll = () => void poller.pollDue();
  poll();
  // Polling alone must not keep a finished process alive.
  setInterval(poll, Math.min(config.statusPollSeconds * 1000, 60_000)).unref();
  return poller;
}

export interface ConversationSetup {
  config: Config;
  kb: Knowledge;
  form: IssueForm;
  store: BotStore;
  logger: Logger;
  /** Poll status pages (the one conversation that decides does; a second one only reads). */
  pollStatus: boolean;
}

/**
 * The conversation `npm start` decides with, wired to the store, issue filing, the incident
 * tracker and the status pages. The main thread and the engine thread (src/engine-thread) build
 * it the same way.
 */
export function setUpConversation(setup: ConversationSetup): ReturnType<typeof createConversation> {
  const { config, kb, form, store, logger } = setup;
  const poller = setup.pollStatus ? startStatusPolling(config, kb, logger) : null;
  return createConversation({
    store,
    kb,
    policy: {
      ...config.stale,
      ...(config.replyLanguages ? { replyLanguages: config.replyLanguages } : {}),
    },
    issues: issueDeps(config, kb, form, store),
    incidents: {
      store: store.incidents(),
      settings: config.incidents,
      tracker: createIncidentTracker({
        ...config.github,
        repo: config.github.repo ?? form.repo ?? null,
      }),
      issueWatch: store.issueWatch(),
      issuePollMs: config.issuePollSeconds * 1000,
      onError: (error) => logger.warn({ err: error }, "incident tracker failed"),
      ...(poller
        ? {
            providerStatus: (incident) =>
              providerStatusLine(kb, incident, poller.status(incident.signature.provider)),
            providerIncidents: () => poller.openIncidents(),
          }
        : {}),
    },
  });
}
