/** What replaces a secret. Keep in sync with `ALREADY_REDACTED` checks: a marker is never re-redacted. */
export const REDACTED = "[redacted]";

/** Separates the kept type prefix from the marker: `AIza…[redacted]`. */
export const ELLIPSIS = "…";

/** The text inserted after the kept prefix: prefix-less secrets become a bare `[redacted]`. */
export function markerAfter(keep: number): string {
  return keep > 0 ? `${ELLIPSIS}${REDACTED}` : REDACTED;
}

/** The preview shown to users and reported: the public prefix and the marker, never a tail. */
export function previewOf(secret: string, keep: number): string {
  return `${secret.slice(0, keep)}${markerAfter(keep)}`;
}
