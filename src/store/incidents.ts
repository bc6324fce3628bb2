/**
 * Incidents across threads: the signature hits every verdict leaves, and the incidents they
 * open. Kept apart from `Store` so a second store (PostgreSQL) adds it as one more small piece.
 */
import type { IncidentRecord, IncidentSignature, SignatureHit } from "../core/incidents/types.js";

export interface IncidentStore {
  /** Stores a thread's hit on a signature; false when the thread had hit it already. */
  recordHit(hit: SignatureHit): Promise<boolean>;
  /** Hits of one signature at or after `since`, oldest first. */
  hitsFor(signatureKey: string, since: string): Promise<SignatureHit[]>;
  /** The signature keys a thread has hit. */
  signaturesOf(threadKey: string): Promise<string[]>;
  active(): Promise<IncidentRecord[]>;
  activeFor(signatureKey: string): Promise<IncidentRecord | null>;
  /**
   * Opens an incident unless one is open for the signature already (another replica was first):
   * returns the open one either way, and whether this call opened it.
   */
  open(
    incident: Omit<IncidentRecord, "closedAt" | "tracker">,
  ): Promise<{ incident: IncidentRecord; opened: boolean }>;
  touch(id: string, lastHitAt: string, reporters: number, explanation: string): Promise<void>;
  /** Links a thread to an incident; false when it was linked already. */
  addThread(id: string, threadKey: string, at: string): Promise<boolean>;
  threadsOf(id: string): Promise<string[]>;
  close(id: string, at: string): Promise<boolean>;
  setTracker(id: string, tracker: { number: number; url: string }): Promise<void>;
  /** Open ones first, then the most recently ended. */
  recent(limit: number): Promise<IncidentRecord[]>;
}

export type { IncidentRecord, IncidentSignature, SignatureHit };
