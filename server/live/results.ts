import type { LiveResult, SessionSummary } from '../../src/index.ts';
import type { LiveResultsStore } from './resultsStore.ts';
import type { RoomState } from './rooms.ts';
import { summaryOf } from './summaries.ts';

/** What one participant takes away from the session: their score as a voter and their credit from the hot seat; null if they are not in it. */
export function resultOf(summary: SessionSummary, participant: string): LiveResult | null {
  const score = summary.participants.find((entry) => entry.participant === participant);
  if (!score) return null;
  const credit = summary.hotSeats.find((entry) => entry.participant === participant);
  return {
    votes: score.votes,
    skills: score.skills,
    overall: score.overall,
    hotSeat: credit ? { decisions: credit.decisions.length, followed: credit.decisions.filter((decision) => decision.followed).length, skills: credit.skills, overall: credit.overall } : null,
  };
}

/**
 * When a room ends: its summary (with the official attempts) and each trainee participant's
 * result, saved once. Safe to call again for the same room (a restart, another instance): nothing
 * already saved is written twice.
 */
export async function saveResults(store: LiveResultsStore, ended: RoomState): Promise<SessionSummary> {
  const summary = summaryOf(ended);
  if (!summary) throw new Error(`room ${ended.room.id} has not ended`);
  const seats = await store.seats(ended.room.id);
  const results = seats.flatMap(({ participantId }) => {
    const result = resultOf(summary, participantId);
    return result ? [{ participantId, result }] : [];
  });
  await store.saveResults(ended.room.id, summary, results);
  return summary;
}
