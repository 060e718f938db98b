import { SCORING_VERSION, type Choice } from '../src/index.ts';
import type { AttemptBatch, LockedAttempt, Store, StoredDecision } from './db/store.ts';
import { createGroupCommit } from './groupCommit.ts';
import { replayForStorage, reviewFactsOf } from './reviewFacts.ts';
import type { ScenarioSource } from './scenarios.ts';

export interface DecisionRequest {
  index: number;
  /** The device's id for this decision, so a retried upload is recognised. */
  id: string;
  choice: Choice;
  /** The device's wall clock, milliseconds. */
  at: number;
}

export type DecisionResult =
  | { kind: 'recorded' | 'repeated'; decision: StoredDecision }
  | { kind: 'conflict'; reason: string; nextIndex: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'notFound' };

interface PendingDecision {
  attemptId: string;
  traineeId: string;
  request: DecisionRequest;
}

/**
 * Appends decisions to attempts, each exactly once and in order. The server trusts only the
 * choice: it replays every choice of the attempt through the rules, so an impossible move is
 * refused with the rules' reason, and mood, composure and scores are the server's own.
 *
 * Decisions that arrive together are written in one transaction (group commit): one lock and read
 * of their attempts, one statement for the new decisions and scores, one commit. Each is decided in arrival order
 * against the attempt as the ones before it left it, so the outcome is the same as one at a time,
 * and each is answered only after the commit.
 */
export function createDecisionRecorder(store: Store, scenarios: ScenarioSource) {
  const submit = createGroupCommit((pending: PendingDecision[]) =>
    store.writeDecisions(async (batch) => {
      await batch.lock(pending.map(({ attemptId }) => attemptId));
      const results: DecisionResult[] = [];
      for (const { attemptId, traineeId, request } of pending) results.push(await decide(batch, scenarios, batch.attempt(attemptId, traineeId), request));
      return results;
    }),
  );
  return { record: (attemptId: string, traineeId: string, request: DecisionRequest) => submit({ attemptId, traineeId, request }) };
}

async function decide(batch: AttemptBatch, scenarios: ScenarioSource, locked: LockedAttempt | undefined, request: DecisionRequest): Promise<DecisionResult> {
  if (!locked) return { kind: 'notFound' };
  const { attempt, decisions } = locked;
  const nextIndex = decisions.length;
  const atIndex = decisions[request.index];
  if (atIndex) {
    const same = atIndex.client_id === request.id && sameChoice(atIndex.choice, request.choice);
    return same ? { kind: 'repeated', decision: atIndex } : { kind: 'conflict', reason: `decision ${request.index} is already recorded as a different move`, nextIndex };
  }
  if (decisions.some((decision) => decision.client_id === request.id)) return { kind: 'conflict', reason: `decision id ${request.id} is already recorded at another index`, nextIndex };
  if (request.index !== nextIndex) return { kind: 'conflict', reason: `decisions arrive in order: the next one is ${nextIndex}`, nextIndex };

  const scenario = await scenarios.byHash(attempt.scenario_hash, batch.scenarioVersion);
  if (!scenario) throw new Error(`attempt ${attempt.id} refers to scenario version ${attempt.scenario_hash}, which is not stored`);
  const replayed = replayForStorage(scenario, [...decisions.map((decision) => decision.choice), request.choice], attempt.seed);
  if (!replayed.ok) return { kind: 'refused', reason: replayed.error };
  const { report } = replayed;
  const made = replayed.made[nextIndex] as (typeof replayed.made)[number];
  const review = report.decisions[nextIndex] as (typeof report.decisions)[number];
  const decision: StoredDecision = {
    attempt_id: attempt.id,
    index: nextIndex,
    client_id: request.id,
    choice: request.choice,
    node: made.node,
    at: request.at,
    mood_before: made.moodBefore,
    mood_after: made.moodAfter,
    composure_before: made.composureBefore,
    composure_after: made.composureAfter,
  };
  batch.append(decision, reviewFactsOf(review), {
    scoringVersion: SCORING_VERSION,
    scenarioHash: attempt.scenario_hash,
    skills: report.skills,
    overall: report.overall,
    outcome: report.outcome,
    decisionCount: report.decisions.length,
  });
  return { kind: 'recorded', decision };
}

const sameChoice = (a: Choice, b: Choice) => a.kind === b.kind && (a.kind !== 'reply' || (b.kind === 'reply' && a.reply === b.reply));
