import { type ProviderIncident, parseStatusFeed } from "../core/incidents/status-feed.js";
import type { ProviderId } from "../core/vocabulary.js";
import { type RetryOptions, requestWithRetry } from "./request-with-retry.js";

export interface StatusFeed {
  provider: ProviderId;
  kind: "statuspage" | "incident.io";
  url: string;
}

/** What the bot knows about one provider's page: null incidents when it could not read it. */
export interface ProviderStatus {
  incidents: ProviderIncident[] | null;
  checkedAt: string | null;
}

export interface StatusPollerOptions {
  feeds: readonly StatusFeed[];
  /** The normal gap between two polls of one page. */
  intervalMs: number;
  /** The longest gap after repeated failures (the backoff doubles up to it). */
  maxBackoffMs?: number;
  now?: () => Date;
  request?: RetryOptions;
  onError?: (provider: ProviderId, error: unknown) => void;
}

interface FeedState extends ProviderStatus {
  etag: string | null;
  failures: number;
  nextAt: number;
}

/**
 * Polls the providers' public status pages. Conditional requests (If-None-Match with the last
 * ETag) make an unchanged page a bodyless 304; a failing page is polled less and less often
 * (doubling up to `maxBackoffMs`), and its last known incidents are forgotten rather than trusted.
 */
export class StatusPoller {
  private readonly state = new Map<ProviderId, FeedState>();
  private readonly now: () => Date;

  constructor(private readonly options: StatusPollerOptions) {
    this.now = options.now ?? (() => new Date());
    for (const feed of options.feeds)
      this.state.set(feed.provider, {
        incidents: null,
        checkedAt: null,
        etag: null,
        failures: 0,
        nextAt: 0,
      });
  }

  status(provider: ProviderId): ProviderStatus | null {
    const s = this.state.get(provider);
    return s ? { incidents: s.incidents, checkedAt: s.checkedAt } : null;
  }

  /** The providers whose page, as last read, shows an open incident (unread pages: none). */
  openIncidents(): Array<{ provider: ProviderId; incidents: ProviderIncident[] }> {
    return [...this.state].flatMap(([provider, s]) =>
      s.incidents && s.incidents.length > 0 ? [{ provider, incidents: s.incidents }] : [],
    );
  }

  /** Polls every page that is due; one page's failure never stops the others. */
  async pollDue(): Promise<void> {
    for (const feed of this.options.feeds) {
      const s = this.state.get(feed.provider);
      if (!s || this.now().getTime() < s.nextAt) continue;
      try {
        await this.poll(feed, s);
        s.failures = 0;
        s.nextAt = this.now().getTime() + this.options.intervalMs;
      } catch (error) {
        s.failures += 1;
        // Forgotten incidents need the whole page again: no conditional request next time.
        s.incidents = null;
        s.etag = null;
        const max = this.options.maxBackoffMs ?? 30 * 60_000;
        s.nextAt = this.now().getTime() + Math.min(max, this.options.intervalMs * 2 ** s.failures);
        this.options.onError?.(feed.provider, error);
      }
    }
  }

  private async poll(feed: StatusFeed, s: FeedState): Promise<void> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (s.etag) headers["if-none-match"] = s.etag;
    const response = await requestWithRetry(
      feed.url,
      { headers },
      { retries: 1, timeoutMs: 10_000, ...this.options.request },
    );
    if (response.status === 304) {
      await response.body.dump();
      s.checkedAt = this.now().toISOString();
      return;
    }
    if (response.status !== 200) {
      await response.body.dump();
      throw new Error(`${feed.url} answered ${response.status}`);
    }
    const incidents = parseStatusFeed(feed.kind, await response.body.json());
    if (incidents === null) throw new Error(`${feed.url} is not a ${feed.kind} feed`);
    const etag = response.headers.etag;
    s.etag = typeof etag === "string" ? etag : null;
    s.incidents = incidents;
    s.checkedAt = this.now().toISOString();
  }
}
