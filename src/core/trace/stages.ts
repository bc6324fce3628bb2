/**
 * The stages whose payload the summariser reads; every other stage is counted from its head alone
 * (a reader may hand those over as their head only, see src/ingest/head-only.ts).
 */
export const PAYLOAD_STAGES: ReadonlySet<string> = new Set([
  "session:after",
  "stream:context",
  "cache:state",
  "cache:result",
]);
