import { describe, expect, it } from 'vitest';
import { historyFromRows, type StoredAttempt, type StoredRows } from '../../client/records/history.ts';
import { decisionRecord, newAttemptRecord, newProfileRecord, replayChoices, scoreChoices, withDecision, type Choice, type Scenario } from '../../src/index.ts';
import { attemptRow, practiseLink, scoreAttempts, skillPoints, weakMoments } from '../../views/parts/progressData.ts';
import { exampleScenario } from '../helpers.ts';

const scenario = exampleScenario();
const scenarios = new Map<string, Scenario>([[scenario.id, scenario]]);
const PROFILE = newProfileRecord('profile-1', 'Анна', 1);

const ask: Choice = { kind: 'reply', reply: 'ask' };
const snap: Choice = { kind: 'reply', reply: 'snap' };
const breath: Choice = { kind: 'breath' };
const boundary: Choice = { kind: 'reply', reply: 'boundary' };

/** The rows the game's store writes for one attempt (as IndexedDB hands them back: clones). */
function attemptRows(id: string, choices: Choice[], { startedAt = 1000, replayedPrefix = 0, seed = 7 } = {}): { attempt: unknown; decisions: unknown[] } {
  const replayed = replayChoices(scenario, choices, seed);
  if (!replayed.ok) throw new Error(replayed.error);
  let attempt = newAttemptRecord(id, { profileId: PROFILE.id, scenario: scenario.id, scenarioVersion: scenario.version, language: 'ru', trainee: PROFILE.name, seed, startedAt, replayedPrefix });
  const decisions = replayed.state.decisions.map((decision, index) => {
    attempt = withDecision(attempt, index, startedAt + index + 1, index === choices.length - 1 ? replayed.state.outcome : null);
    return decisionRecord(id, index, { ...decision, at: startedAt + index + 1 });
  });
  return structuredClone({ attempt, decisions });
}

function rowsOf(...attempts: { attempt: unknown; decisions: unknown[] }[]): StoredRows {
  return { profiles: [structuredClone(PROFILE)], attempts: attempts.map((each) => each.attempt), decisions: attempts.flatMap((each) => each.decisions) };
}

function history(rows: StoredRows): StoredAttempt[] {
  return historyFromRows(rows).attempts;
}

describe('reading a trainee history from stored rows', () => {
  it('assembles every readable attempt, oldest first, with its decisions and profile', () => {
    const read = historyFromRows(rowsOf(attemptRows('b', [ask, snap], { startedAt: 5000 }), attemptRows('a', [ask], { startedAt: 1000 })));
    expect(read).toMatchObject({ profiles: [{ id: 'profile-1', name: 'Анна' }], skipped: 0, newer: 0 });
    expect(read.attempts.map(({ record }) => record.id)).toEqual(['a', 'b']);
    expect(read.attempts[1]?.attempt.decisions.map((decision) => decision.choice)).toEqual([ask, snap]);
  });

  it('skips and counts damaged and newer rows, keeps the rest, and changes nothing it was given', () => {
    const good = attemptRows('good', [ask, breath, boundary]);
    const damaged = attemptRows('damaged', [ask]);
    (damaged.attempt as Record<string, unknown>).seed = 'seven';
    const gap = attemptRows('gap', [ask, snap]);
    gap.decisions.shift(); // decision 1 lost
    const newer = attemptRows('newer', [ask]);
    (newer.attempt as Record<string, unknown>).schemaVersion = 2;
    const rows = rowsOf(good, damaged, gap, newer);
    rows.profiles = [...rows.profiles, { schemaVersion: 1, id: 'x' }, 'garbage'];
    const before = structuredClone(rows);
    const read = historyFromRows(rows);
    expect(read.attempts.map(({ record }) => record.id)).toEqual(['good']);
    expect(read.profiles).toHaveLength(1);
    expect({ skipped: read.skipped, newer: read.newer }).toEqual({ skipped: 4, newer: 1 });
    expect(rows).toEqual(before);
  });
});

describe('scoring a history by replaying it', () => {
  it('scores like the debrief does, and marks attempts of a changed or removed scenario instead of mis-scoring them', () => {
    const changed = attemptRows('old', [ask]);
    (changed.attempt as Record<string, unknown>).scenarioVersion = scenario.version + 1;
    const removed = attemptRows('gone', [ask]);
    (removed.attempt as Record<string, unknown>).scenario = 'no-such-scenario';
    const { scored, edited } = scoreAttempts(history(rowsOf(attemptRows('a', [ask, breath, boundary]), changed, removed)), scenarios);
    expect(edited).toBe(0);
    const expected = scoreChoices(scenario, [ask, breath, boundary]);
    if (!expected.ok) throw new Error(expected.error);
    expect(scored.map((each) => [each.record.id, each.score.kind])).toEqual([['a', 'scored'], ['old', 'changed'], ['gone', 'removed']]);
    const row = attemptRow(scored[0] as (typeof scored)[number], 'Title');
    expect(row.scores).toEqual({ overall: expected.report.overall, skills: expected.report.skills });
    expect(attemptRow(scored[1] as (typeof scored)[number], 'Title')).toMatchObject({ scores: null, unscored: 'changed' });
  });

  it('leaves out and counts an attempt whose stored moods the rules do not give (edited by hand)', () => {
    const forged = attemptRows('forged', [ask, snap]);
    const last = forged.decisions[1] as Record<string, number>;
    last.moodAfter = last.moodAfter === 0 ? 1 : 0;
    const { scored, edited } = scoreAttempts(history(rowsOf(forged, attemptRows('fine', [ask]))), scenarios);
    expect(scored.map((each) => each.record.id)).toEqual(['fine']);
    expect(edited).toBe(1);
  });

  it('charts finished attempts only, oldest first', () => {
    const { scored } = scoreAttempts(history(rowsOf(attemptRows('late', [ask, breath, boundary], { startedAt: 9000 }), attemptRows('open', [ask], { startedAt: 5000 }), attemptRows('early', [ask, snap], { startedAt: 1000 }))), scenarios);
    expect(skillPoints(scored.map((each) => attemptRow(each, 'T'))).map((point) => point.attemptId)).toEqual(['early', 'late']);
  });
});

describe('weak moments', () => {
  const weakAtInsult = (choices: Choice[]) => {
    const scored = scoreChoices(scenario, choices);
    if (!scored.ok) throw new Error(scored.error);
    return scored.report.decisions.filter((review) => review.better !== null).map((review) => review.node);
  };

  it('are the decisions the debrief calls weak, with the better reply and where to practise them from', () => {
    expect(weakAtInsult([ask, snap])).toEqual(['insult']);
    const { scored } = scoreAttempts(history(rowsOf(attemptRows('a', [ask, snap]))), scenarios);
    const moments = weakMoments(scored);
    expect(moments.map(({ attemptId, index, review }) => ({ attemptId, index, node: review.node, better: review.better }))).toEqual([{ attemptId: 'a', index: 1, node: 'insult', better: { reply: 'boundary' } }]);
    expect(practiseLink(moments[0] as (typeof moments)[number])).toBe('./?scenario=example&practise=a&at=1');
  });

  it('go once the trainee gets that moment right later, and come back if they get it wrong again', () => {
    const first = attemptRows('first', [ask, snap], { startedAt: 1000 });
    const practisedWell = attemptRows('well', [ask, breath, boundary], { startedAt: 2000, replayedPrefix: 1 });
    const practisedBadly = attemptRows('badly', [ask, snap], { startedAt: 3000, replayedPrefix: 1 });
    expect(weakMoments(scoreAttempts(history(rowsOf(first, practisedWell)), scenarios).scored)).toEqual([]);
    const again = weakMoments(scoreAttempts(history(rowsOf(first, practisedWell, practisedBadly)), scenarios).scored);
    expect(again.map(({ attemptId, index }) => [attemptId, index])).toEqual([['badly', 1]]);
  });

  it('do not count decisions replayed into a practice attempt as the trainee\'s own there', () => {
    const replayedOnly = attemptRows('replayed', [ask, snap], { replayedPrefix: 2 });
    expect(weakMoments(scoreAttempts(history(rowsOf(replayedOnly)), scenarios).scored)).toEqual([]);
  });
});
