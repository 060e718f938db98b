import type { PublicVote } from '../../../src/index.ts';

/**
 * Milliseconds left to vote, now: the vote's timer had `remainingMs` left at `since` (the server's
 * clock; screens' clocks are assumed close to it, and the result is kept within the timer's range);
 * null for a vote without a timer or a closed one.
 */
export function timeLeft(vote: PublicVote | null, now: number): number | null {
  if (!vote?.open || vote.remainingMs === null) return null;
  return Math.max(0, Math.min(vote.remainingMs, vote.since + vote.remainingMs - now));
}

/** m:ss, rounded up, so "0:00" shows only when the time is up. */
export const clock = (ms: number): string => {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};
