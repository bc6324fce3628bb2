/**
 * Requests to the bot's Bolt receiver, signed exactly as Slack signs them: v0 HMAC-SHA256 of
 * `v0:<timestamp>:<raw body>` with the signing secret, in X-Slack-Signature.
 */
import { createHmac } from "node:crypto";

export interface SignOptions {
  /** Unix seconds; now by default. */
  timestamp?: number;
  /** Replaces the computed signature (forgery tests). */
  signature?: string;
  /** X-Slack-Retry-Num / -Reason: how Slack marks a redelivery. */
  retryNum?: number;
  retryReason?: string;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SlackSender {
  event(envelope: unknown, options?: SignOptions): Promise<Response>;
  command(params: Record<string, string>, options?: SignOptions): Promise<Response>;
  interaction(payload: unknown, options?: SignOptions): Promise<Response>;
  raw(body: string, contentType: string, options?: SignOptions): Promise<Response>;
}

/** A sender for one receiver URL (…/slack/events) and signing secret. */
export function slackSender(url: string, secret: string): SlackSender {
  const raw = (body: string, contentType: string, options: SignOptions = {}) => {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? slackSignature(secret, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(options.retryNum);
      headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
    }
    return fetch(url, { method: "POST", body, headers });
  };
  return {
    raw,
    event: (envelope, options) => raw(JSON.stringify(envelope), "application/json", options),
    command: (params, options) =>
      raw(new URLSearchParams(params).toString(), "application/x-www-form-urlencoded", options),
    interaction: (payload, options) =>
      raw(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        "application/x-www-form-urlencoded",
        options,
      ),
  };
}
