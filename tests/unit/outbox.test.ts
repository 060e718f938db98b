import { describe, expect, it } from 'vitest';
import { reconcile, retryDelayMs, verdict } from '../../client/sync/answers.ts';
import { attemptEntry, decisionEntry, type OutboxEntry, type TeamAttempt } from '../../client/sync/outbox.ts';
import { decisionRecord, newAttemptRecord } from '../../src/index.ts';

const team: TeamAttempt = { attemptId: 'a1', traineeId: 't1', scenarioHash: 'f'.repeat(64) };
const record = newAttemptRecord('a1', { profileId: 'p1', scenario: 'late-return', scenarioVersion: 2, language: 'ru', trainee: 'Ann', seed: 7, startedAt: 1000.6 });

/** Queued decisions 0…n−1 of attempt a1, with ids d0, d1, … and queue positions 10, 11, … */
const queued = (indexes: number[]): OutboxEntry[] =>
  indexes.map((index) => ({
    ...decisionEntry(team, decisionRecord('a1', index, { choice: { kind: 'breath' }, node: 'n', at: 5, moodBefore: 50, moodAfter: 50, composureBefore: 50, composureAfter: 60 }), `d${index}`),
    seq: 10 + index,
  }));
const server = (ids: string[]) => ({ decisions: ids.map((id, index) => ({ index, id })) });

describe('outbox entries', () => {
  it('are the requests as the server takes them: whole milliseconds, the choice and nothing the server computes', () => {
    expect(attemptEntry(team, record)).toEqual({
      traineeId: 't1',
      attemptId: 'a1',
      kind: 'attempt',
      body: { id: 'a1', scenario: 'late-return', scenarioHash: team.scenarioHash, seed: 7, language: 'ru', startedAt: 1001 },
    });
    const [entry] = queued([3]);
    expect(entry?.body).toEqual({ index: 3, id: 'd3', choice: { kind: 'breath' }, at: 5 });
    expect(entry?.kind === 'decision' && Object.keys(entry.body)).not.toContain('moodAfter');
  });
});

describe('what an answer means', () => {
  const [decision] = queued([0]) as [OutboxEntry];
  const attempt = attemptEntry(team, record);
  it.each([
    [201, 'sent'],
    [200, 'sent'],
    [0, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [429, 'retry'],
    [409, 'reconcile'],
  ])('a decision answered %i is %s', (status, action) => {
    expect(verdict(decision, status).action).toBe(action);
  });

  it.each([
    [401, 'signedOut'],
    [404, 'refused'],
    [422, 'refused'],
    [400, 'refused'],
    [403, 'refused'],
  ])('a decision answered %i stops its attempt (%s): sending it again would be refused again', (status, reason) => {
    expect(verdict(decision, status)).toEqual({ action: 'stop', reason });
  });

  it('an attempt id the server holds for something else cannot be mended by sending decisions', () => {
    expect(verdict(attempt, 409)).toEqual({ action: 'stop', reason: 'diverged' });
  });
});

describe('reconciling after a 409', () => {
  it('drops exactly the decisions the server has under the same ids, and goes on with the next one it expects', () => {
    expect(reconcile(queued([2, 3, 4]), server(['d0', 'd1', 'd2', 'd3']))).toEqual({ acknowledged: [12, 13] });
  });

  it('drops everything when the server has it all (an acknowledgement was lost)', () => {
    expect(reconcile(queued([1, 2]), server(['d0', 'd1', 'd2']))).toEqual({ acknowledged: [11, 12] });
  });

  it('stops when the server holds a different decision at an index', () => {
    expect(reconcile(queued([1, 2]), server(['d0', 'other']))).toEqual({ acknowledged: [], problem: 'diverged' });
    expect(reconcile(queued([1, 2]), server(['d0', 'd1', 'other']))).toEqual({ acknowledged: [11], problem: 'diverged' });
  });

  it('never skips: a queue whose next decision is not the one the server expects stops', () => {
    expect(reconcile(queued([3, 4]), server(['d0', 'd1']))).toEqual({ acknowledged: [], problem: 'diverged' });
  });

  it('stops rather than loop when the refused decision is exactly the one the server expects', () => {
    expect(reconcile(queued([2]), server(['d0', 'd1']))).toEqual({ acknowledged: [], problem: 'diverged' });
  });
});

describe('retries', () => {
  it('back off from 1 s to at most 10 s', () => {
    expect([1, 2, 3, 4, 5, 12].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
