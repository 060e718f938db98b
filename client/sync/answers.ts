import type { OutboxEntry } from './outbox.ts';

/** What the team server's answers to the outbox's requests mean, as pure functions (the sender acts on them). */

/** Where a request goes. */
export const entryUrl = (entry: OutboxEntry) => (entry.kind === 'attempt' ? '/api/attempts' : `/api/attempts/${entry.attemptId}/decisions`);

/**
 * Why an attempt's queue stopped: the server refused a request as it stands (it will refuse it
 * again), the session is gone, or the server's copy of the attempt disagrees with the device's.
 * The entries stay; the trainee is told.
 */
export type StopReason = 'refused' | 'signedOut' | 'diverged';

/** What one answer means: `status` 0 is no answer at all (offline, or the server is down). */
export type Verdict = { action: 'sent' } | { action: 'retry' } | { action: 'reconcile' } | { action: 'stop'; reason: StopReason };

export function verdict(entry: OutboxEntry, status: number): Verdict {
  if (status === 200 || status === 201) return { action: 'sent' };
  // Nothing the server said about this request: offline, down, overloaded or rate-limited. Later.
  if (status === 0 || status === 429 || status >= 500) return { action: 'retry' };
  if (status === 401) return { action: 'stop', reason: 'signedOut' };
  // A decision out of step: find out what the server has. An attempt id taken by something else cannot be mended.
  if (status === 409) return entry.kind === 'decision' ? { action: 'reconcile' } : { action: 'stop', reason: 'diverged' };
  // 404 (the attempt is not this trainee's, or was deleted), 422 (the rules refuse it), or any other refusal.
  return { action: 'stop', reason: 'refused' };
}

/** What the server holds of an attempt (`GET /api/attempts/:id`): its decisions' indexes and device ids. */
export interface ServerAttempt {
  decisions: readonly { index: number; id: string }[];
}

export interface Reconciled {
  /** Entries the server already has (same index, same id): acknowledged, so they leave the queue. */
  acknowledged: number[];
  /** Set when sending on cannot put things right: the server has a different decision, or lacks one the device no longer queues. */
  problem?: 'diverged';
}

/**
 * After a 409 for an attempt's first queued decision: compares its queued decisions (in order)
 * with the server's copy. Only what the server provably has is dropped; nothing is skipped, so a
 * queue that would leave a gap on the server, or would only be refused again, stops instead.
 */
export function reconcile(queued: readonly OutboxEntry[], server: ServerAttempt): Reconciled {
  const held = new Map(server.decisions.map((decision) => [decision.index, decision.id]));
  const acknowledged: number[] = [];
  for (const entry of queued) {
    if (entry.kind !== 'decision' || entry.seq === undefined) continue;
    const { index, id } = entry.body;
    const there = held.get(index);
    if (there === undefined) {
      // The first decision the server lacks must be the very next one it expects, and not the one it just refused.
      return index === server.decisions.length && acknowledged.length > 0 ? { acknowledged } : { acknowledged, problem: 'diverged' };
    }
    if (there !== id) return { acknowledged, problem: 'diverged' };
    acknowledged.push(entry.seq);
  }
  return { acknowledged };
}

/** Waits between retries while the server does not answer: 1 s, 2 s, 4 s, 8 s, then every 10 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), 10_000);
}
