import { z } from "zod";
import { FactSheet } from "./facts.js";
import { ErrorClass, ProviderId } from "./vocabulary.js";

/** The `analyze --json` output of the CLI contract (schemaVersion 1): extend, never break. */
export const TriageReport = z.object({
  schemaVersion: z.literal(1),
  provider: ProviderId,
  model: z.string().nullable(),
  errorClass: ErrorClass,
  /** decided, leading (errorClass is the likely cause, `confidence` says how sure) or unknown. */
  verdictTier: z.enum(["decided", "leading", "unknown"]).optional(),
  /**
   * With `client_bug`, the provider's limit the tool mishandled, when one stands out; with an
   * `incident`, the class the thread's own evidence gave.
   */
  underlyingClass: ErrorClass.optional(),
  /**
   * The incident the verdict was read against (the bot only: many reporters at once, or the
   * provider's status page): `errorClass` is then `provider_incident` and `underlyingClass` what
   * the evidence alone said.
   */
  incident: z
    .object({
      source: z.enum(["community", "status_page"]),
      /** The bot's incident id (community), or null. */
      id: z.string().nullable(),
      /** "7 reporters in 18 min; usual: 0.3/h", or the status page's incident and its state. */
      explanation: z.string(),
      since: z.string().nullable(),
      url: z.string().nullable(),
    })
    .optional(),
  retryable: z.boolean().nullable(),
  /** Why retrying does or does not help, from the first retry cue that holds. */
  retryableBecause: z.string().nullable().optional(),
  retryAfterSeconds: z.number().nullable(),
  confidence: z.number().min(0).max(1),
  /** Who the reply is for: "openclaw", "product", "api-code" (writes code against an API) or "unknown". */
  audience: z.enum(["openclaw", "product", "api-code", "unknown"]).optional(),
  /** The language the thread is written in ("en", "zh", "es", "pt", "ja", "de", "ko"). */
  language: z.string().optional(),
  facts: FactSheet.extend({
    resetAt: z.string().nullable(),
    knownIssues: z.array(
      z.object({ id: z.string(), title: z.string(), url: z.string(), versionMatch: z.string() }),
    ),
    findings: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        likelihood: z.number(),
        evidenceFor: z.array(z.string()),
      }),
    ),
  }),
  hypotheses: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      errorClass: ErrorClass,
      likelihood: z.number(),
      evidenceFor: z.array(z.string()),
      evidenceAgainst: z.array(z.string()),
    }),
  ),
  ruledOut: z.array(z.object({ id: z.string(), title: z.string(), because: z.string() })),
  missing: z.array(
    z.object({ id: z.string(), label: z.string(), why: z.string(), howToGet: z.string() }),
  ),
  mitigations: z.array(
    z.object({ id: z.string(), title: z.string(), snippet: z.string(), why: z.string() }),
  ),
  redactions: z.array(
    z.object({ kind: z.string(), preview: z.string(), rotate: z.string().optional() }),
  ),
  reply: z.string(),
});
export type TriageReport = z.infer<typeof TriageReport>;
