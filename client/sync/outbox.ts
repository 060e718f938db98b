import type { AttemptRecord, Choice, DecisionRecord } from '../../src/index.ts';

/**
 * The outbox: what a signed-in trainee's device still has to tell the team server, as the
 * requests themselves (bodies fixed when queued, ids made on the device), so a retry is the same
 * request and the server recognises it. Pure: what to queue (answers.ts: what each answer means).
 */

/** An attempt played signed in: whose it is on the server and which rules it was played under. */
export interface TeamAttempt {
  attemptId: string;
  traineeId: string;
  scenarioHash: string;
}

/** `POST /api/attempts`. */
export interface AttemptUpload {
  id: string;
  scenario: string;
  scenarioHash: string;
  seed: number;
  language: string;
  startedAt: number;
}

/** `POST /api/attempts/:id/decisions`: the choice alone; the server replays it for mood, composure and scores. */
export interface DecisionUpload {
  index: number;
  id: string;
  choice: Choice;
  at: number;
}

interface Queued {
  /** Queue order, given by IndexedDB when the entry is added. */
  seq?: number;
  traineeId: string;
  attemptId: string;
}

export type OutboxEntry = Queued & ({ kind: 'attempt'; body: AttemptUpload } | { kind: 'decision'; body: DecisionUpload });

/** The server takes whole milliseconds; the device's clock has fractions. */
const millis = (time: number) => Math.round(time);

export function attemptEntry(team: TeamAttempt, record: AttemptRecord): OutboxEntry {
  const { attemptId, traineeId, scenarioHash } = team;
  const body = { id: record.id, scenario: record.scenario, scenarioHash, seed: record.seed, language: record.language, startedAt: millis(record.startedAt) };
  return { traineeId, attemptId, kind: 'attempt', body };
}

export function decisionEntry(team: TeamAttempt, decision: DecisionRecord, id: string): OutboxEntry {
  return { traineeId: team.traineeId, attemptId: team.attemptId, kind: 'decision', body: { index: decision.index, id, choice: decision.choice, at: millis(decision.at) } };
}
