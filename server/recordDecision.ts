import { replayAttempt, replayChoices, SCORING_VERSION, type Choice } from '../src/index.ts';
import type { Store, StoredDecision } from './db/store.ts';
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

/**
 * Appends one decision to an attempt, exactly once. The server trusts only the choice: it replays
 * every choice of the attempt through the rules, so an impossible move is refused with the rules'
 * reason, and mood, composure and scores are the server's own.
 */
export async function recordDecision(store: Store, scenarios: ScenarioSource, attemptId: string, traineeId: string, request: DecisionRequest): Promise<DecisionResult> {
  const result = await store.withAttempt(attemptId, traineeId, async ({ attempt, decisions, record, scenarioVersion }): Promise<DecisionResult> => {
    const nextIndex = decisions.length;
    const atIndex = decisions[request.index];
    if (atIndex) {
      const same = atIndex.client_id === request.id && sameChoice(atIndex.choice, request.choice);
      return same ? { kind: 'repeated', decision: atIndex } : { kind: 'conflict', reason: `decision ${request.index} is already recorded as a different move`, nextIndex };
    }
    if (decisions.some((decision) => decision.client_id === request.id)) return { kind: 'conflict', reason: `decision id ${request.id} is already recorded at another index`, nextIndex };
    if (request.index !== nextIndex) return { kind: 'conflict', reason: `decisions arrive in order: the next one is ${nextIndex}`, nextIndex };

    const scenario = await scenarios.byHash(attempt.scenario_hash, scenarioVersion);
    if (!scenario) throw new Error(`attempt ${attemptId} refers to scenario version ${attempt.scenario_hash}, which is not stored`);
    const replayed = replayChoices(scenario, [...decisions.map((decision) => decision.choice), request.choice], attempt.seed);
    if (!replayed.ok) return { kind: 'refused', reason: replayed.error };
    const scored = replayAttempt(scenario, { scenario: scenario.id, scenarioVersion: scenario.version, decisions: replayed.state.decisions });
    // The replay just accepted every move, so scoring the same moves cannot fail.
    if (!scored.ok) throw new Error(scored.error);

    const made = replayed.state.decisions[nextIndex] as (typeof replayed.state.decisions)[number];
    const decision: StoredDecision = {
      attempt_id: attemptId,
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
    const { report } = scored;
    await record(decision, {
      scoringVersion: SCORING_VERSION,
      scenarioHash: attempt.scenario_hash,
      skills: report.skills,
      overall: report.overall,
      outcome: report.outcome,
      decisionCount: report.decisions.length,
    });
    return { kind: 'recorded', decision };
  });
  return result ?? { kind: 'notFound' };
}

const sameChoice = (a: Choice, b: Choice) => a.kind === b.kind && (a.kind !== 'reply' || (b.kind === 'reply' && a.reply === b.reply));
