import { describe, expect, it } from 'vitest';
import {
  assembleAttempt,
  checkAttemptReplay,
  decisionRecord,
  newAttemptRecord,
  newProfileRecord,
  readAttemptRecord,
  readDecisionRecord,
  readProfileRecord,
  replayChoices,
  withDecision,
  type AttemptRecord,
  type Choice,
  type DecisionRecord,
} from '../../src/index.ts';
import { exampleScenario } from '../helpers.ts';

const scenario = exampleScenario();
const ATTEMPT_ID = '0b9f6a3e-8c1d-4f2a-9e57-1c2d3e4f5a6b';
const PROFILE_ID = '5e0c2b1a-7d3f-4e8b-a1c9-9f8e7d6c5b4a';

/** A stored attempt of the example scenario after these choices, as the store writes it (one decision at a time). */
function stored(choices: Choice[], seed = 7): { attempt: AttemptRecord; decisions: DecisionRecord[] } {
  const replayed = replayChoices(scenario, choices, seed);
  if (!replayed.ok) throw new Error(replayed.error);
  let attempt = newAttemptRecord(ATTEMPT_ID, { profileId: PROFILE_ID, scenario: scenario.id, scenarioVersion: scenario.version, language: 'ru', trainee: 'Анна', seed, startedAt: 1000 });
  const decisions = replayed.state.decisions.map((decision, index) => {
    attempt = withDecision(attempt, index, 2000 + index, index === choices.length - 1 ? replayed.state.outcome : null);
    return decisionRecord(ATTEMPT_ID, index, { ...decision, at: 2000 + index });
  });
  return { attempt, decisions };
}

/** What comes back from IndexedDB: a structured clone, not the objects written. */
const roundTrip = <T>(value: T): unknown => structuredClone(value);

describe('stored trainee records', () => {
  it('reads back what it writes: a profile, an attempt and its decisions, as an Attempt with real times', () => {
    expect(readProfileRecord(roundTrip(newProfileRecord(PROFILE_ID, 'Анна', 5)))).toMatchObject({ ok: true, record: { name: 'Анна' } });
    const { attempt, decisions } = stored([{ kind: 'reply', reply: 'ask' }]);
    expect(attempt).toMatchObject({ status: 'open', outcome: null, decisionCount: 1, updatedAt: 2000 });
    const assembled = assembleAttempt(roundTrip(attempt), decisions.map(roundTrip).reverse());
    expect(assembled.ok).toBe(true);
    if (!assembled.ok) return;
    expect(assembled.record.attempt).toMatchObject({ scenario: 'example', language: 'ru', trainee: 'Анна', seed: 7, startedAt: 1000, outcome: null });
    expect(assembled.record.attempt.decisions).toEqual([expect.objectContaining({ choice: { kind: 'reply', reply: 'ask' }, node: 'opening', at: 2000 })]);
    expect(assembled.record.attempt.decisions[0]).not.toHaveProperty('attemptId');
  });

  it('marks the attempt ended with its outcome when the decision that ends the conversation is written', () => {
    const { attempt } = stored([{ kind: 'reply', reply: 'ask' }]);
    expect(withDecision(attempt, 1, 3000, 'resolved')).toMatchObject({ status: 'ended', outcome: 'resolved', decisionCount: 2, updatedAt: 3000 });
  });

  it.each([
    ['a string', 'not json', 'corrupt', 'not an object'],
    ['no schema version', { id: ATTEMPT_ID }, 'corrupt', 'no valid schema version'],
    ['a newer schema', { schemaVersion: 2, id: ATTEMPT_ID }, 'newer', 'schema version 2; this game reads up to 1'],
  ])('refuses an attempt record that is %s', (_, value, problem, reason) => {
    expect(readAttemptRecord(value)).toEqual({ ok: false, problem, reason: expect.stringContaining(reason) });
  });

  it.each([
    ['seed', 'banana', `"seed" is missing or invalid`],
    ['status', 'paused', `"status" is missing or invalid`],
    ['outcome', 'resolved', 'is "open" with outcome resolved'],
    ['score', 100, 'unknown field "score"'],
    ['language', '<script>', `"language" is missing or invalid`],
  ])('names what is wrong with a hand-edited attempt: %s = %j', (field, value, reason) => {
    const { attempt } = stored([{ kind: 'reply', reply: 'ask' }]);
    expect(readAttemptRecord({ ...attempt, [field]: value })).toEqual({ ok: false, problem: 'corrupt', reason: expect.stringContaining(reason) });
  });

  it('refuses decisions that are malformed, missing, or another attempt\'s', () => {
    const { attempt, decisions } = stored([{ kind: 'reply', reply: 'ask' }, { kind: 'breath' }]);
    const [first, second] = decisions as [DecisionRecord, DecisionRecord];
    expect(readDecisionRecord({ ...first, choice: { kind: 'reply' } })).toMatchObject({ ok: false, problem: 'corrupt', reason: expect.stringContaining('"choice"') });
    expect(readDecisionRecord({ ...first, moodAfter: 140 })).toMatchObject({ ok: false, reason: expect.stringContaining('"moodAfter"') });
    expect(assembleAttempt(attempt, [second])).toMatchObject({ ok: false, problem: 'corrupt', reason: 'decision 1 is missing' });
    expect(assembleAttempt(attempt, [first, { ...second, attemptId: PROFILE_ID }])).toMatchObject({ ok: false, reason: 'decision 2 belongs to another attempt' });
    expect(assembleAttempt(attempt, [first])).toMatchObject({ ok: false, reason: 'the attempt has 2 decisions but only 1 are stored' });
  });

  it('replays a valid attempt to where the trainee left it, with the same seed', () => {
    const choices: Choice[] = [{ kind: 'reply', reply: 'ask' }];
    const { attempt, decisions } = stored(choices, 42);
    const assembled = assembleAttempt(attempt, decisions);
    if (!assembled.ok) throw new Error(assembled.reason);
    const check = checkAttemptReplay(scenario, assembled.record.attempt);
    expect(check).toEqual({ ok: true, choices, state: (replayChoices(scenario, choices, 42) as { state: unknown }).state });
  });

  it('finds a hand-edited decision by replaying it: the rules give other numbers, or refuse the move', () => {
    const { attempt, decisions } = stored([{ kind: 'reply', reply: 'ask' }]);
    const assemble = (edited: DecisionRecord[]) => {
      const assembled = assembleAttempt(attempt, edited);
      if (!assembled.ok) throw new Error(assembled.reason);
      return assembled.record.attempt;
    };
    const [first] = decisions as [DecisionRecord];
    expect(checkAttemptReplay(scenario, assemble([{ ...first, moodAfter: first.moodAfter === 0 ? 1 : 0 }]))).toMatchObject({ ok: false, problem: 'edited', reason: expect.stringMatching(/^decision 1: stored moodAfter is \d+, the rules give \d+$/) });
    expect(checkAttemptReplay(scenario, assemble([{ ...first, choice: { kind: 'reply', reply: 'boundary' } }]))).toMatchObject({ ok: false, problem: 'edited', reason: expect.stringContaining('decision 1:') });
    expect(checkAttemptReplay(scenario, { ...assemble(decisions), outcome: 'resolved' })).toMatchObject({ ok: false, problem: 'edited', reason: 'the stored outcome is resolved, the rules give null' });
  });

  it('tells a valid record of an earlier scenario version from an edited one', () => {
    const { attempt, decisions } = stored([{ kind: 'reply', reply: 'ask' }]);
    const assembled = assembleAttempt({ ...attempt, scenarioVersion: scenario.version + 1 }, decisions);
    if (!assembled.ok) throw new Error(assembled.reason);
    expect(checkAttemptReplay(scenario, assembled.record.attempt)).toMatchObject({ ok: false, problem: 'scenarioChanged' });
    expect(checkAttemptReplay({ ...scenario, id: 'other' }, assembled.record.attempt)).toMatchObject({ ok: false, problem: 'edited' });
  });
});
