import { describe, expect, it } from 'vitest';
import {
  attentionReasons,
  choiceKey,
  summariseCohort,
  summariseScenario,
  summariseTrainee,
  trendOf,
  WEAK_BELOW,
  weakestSkill,
  type AttemptFacts,
  type SkillVector,
} from '../../src/index.ts';

const skills = (calm: number, notPersonal: number, empathy: number, concreteFix: number): SkillVector => ({ calm, notPersonal, empathy, concreteFix });
const DAY = 24 * 60 * 60 * 1000;

function attempt(id: string, startedAt: number, overall: number, extra: Partial<AttemptFacts> = {}): AttemptFacts {
  return { attemptId: id, traineeId: 't1', scenario: 'long-wait', language: 'en', startedAt, outcome: 'resolved', overall, skills: skills(overall, overall, overall, overall), ...extra };
}

describe('trends', () => {
  it('needs two finished attempts, then compares the latest half (at most three) with as many before', () => {
    expect(trendOf([])).toBeNull();
    expect(trendOf([40])).toBeNull();
    expect(trendOf([40, 45])).toBe('up');
    expect(trendOf([40, 44])).toBe('flat');
    expect(trendOf([50, 45])).toBe('down');
    // Six or more: the last three against the three before; older attempts do not count.
    expect(trendOf([0, 90, 90, 90, 60, 60, 60])).toBe('down');
    expect(trendOf([90, 60, 60, 60, 62, 62, 62])).toBe('flat');
  });
});

describe('a trainee summary', () => {
  it('counts every attempt but scores only finished ones, best and latest per scenario', () => {
    const summary = summariseTrainee('t1', [
      attempt('b', 2, 80),
      attempt('a', 1, 60, { outcome: 'escalated' }),
      attempt('c', 3, 10, { outcome: null }),
      attempt('d', 4, 70, { scenario: 'night-milk', skills: skills(90, 40, 70, 80) }),
    ]);
    expect(summary.cells['long-wait']).toEqual({ attempts: 3, best: 80, latest: 80, latestOutcome: 'resolved' });
    expect(summary.cells['night-milk']).toEqual({ attempts: 1, best: 70, latest: 70, latestOutcome: 'resolved' });
    expect(summary.overall).toBe(70);
    expect(summary.skills).toEqual(skills(77, 60, 70, 73));
    expect(summary.weakest).toBe('notPersonal');
    expect(summary.lastActivity).toBe(4);
    expect(summary.trend).toBe('down');
  });

  it('rounds halves away from zero, as the server does in SQL', () => {
    const summary = summariseTrainee('t1', [attempt('a', 1, 60), attempt('b', 2, 61)]);
    expect(summary.overall).toBe(61);
  });

  it('says nothing it cannot know for a trainee who has not started', () => {
    expect(summariseTrainee('t1', [])).toEqual({ traineeId: 't1', cells: {}, skills: null, overall: null, weakest: null, lastActivity: null, trend: null });
  });

  it('breaks a tie for the weakest skill by the order skills are listed', () => {
    expect(weakestSkill(skills(50, 40, 40, 60))).toBe('notPersonal');
  });
});

describe('a cohort', () => {
  it('keeps every trainee, filters attempts by date, scenario and language, and ignores attempts of others', () => {
    const attempts = [attempt('a', 10, 50), attempt('b', 20, 90, { language: 'ru' }), attempt('c', 30, 70, { scenario: 'night-milk' }), attempt('x', 10, 10, { traineeId: 'stranger' })];
    const rows = summariseCohort(['t1', 't2'], attempts, { from: 10, to: 30, languages: ['en', 'ru'], scenarios: ['long-wait'] });
    expect(rows.map((row) => row.traineeId)).toEqual(['t1', 't2']);
    expect(rows[0]?.cells).toEqual({ 'long-wait': { attempts: 2, best: 90, latest: 90, latestOutcome: 'resolved' } });
    expect(rows[1]?.cells).toEqual({});
    expect(summariseCohort(['t1'], attempts, { languages: ['ru'] })[0]?.overall).toBe(90);
  });
});

describe('needs attention', () => {
  const summary = summariseTrainee('t1', [attempt('a', 0, 50, { skills: skills(80, 30, 55, 90) })]);
  it('names the skills below the threshold and a trainee idle for the set days', () => {
    expect(attentionReasons(summary, { skillBelow: 56 }, 0)).toEqual({ skills: ['notPersonal', 'empathy'], idle: false });
    expect(attentionReasons(summary, { idleDays: 7 }, 7 * DAY)).toEqual({ skills: [], idle: true });
    expect(attentionReasons(summary, { idleDays: 7 }, 7 * DAY - 1)).toEqual({ skills: [], idle: false });
    expect(attentionReasons(summariseTrainee('t2', []), { idleDays: 7, skillBelow: 50 }, 0)).toEqual({ skills: [], idle: true });
  });
});

describe('a scenario report', () => {
  it('counts each move at each point, the trainees who made it and the weak ones, and how conversations ended', () => {
    const report = summariseScenario(
      [
        { attemptId: 'a', traineeId: 't1', outcome: 'resolved', skills: skills(80, 80, 60, 40) },
        { attemptId: 'b', traineeId: 't1', outcome: null, skills: skills(0, 0, 0, 0) },
        { attemptId: 'c', traineeId: 't2', outcome: 'customerLost', skills: skills(21, 40, 30, 10) },
      ],
      [
        { attemptId: 'a', traineeId: 't1', node: 'open', choice: choiceKey({ kind: 'reply', reply: 'sorry' }), quality: 1 },
        { attemptId: 'b', traineeId: 't1', node: 'open', choice: 'sorry', quality: 1 },
        { attemptId: 'c', traineeId: 't2', node: 'open', choice: choiceKey({ kind: 'breath' }), quality: 0.2 },
        { attemptId: 'c', traineeId: 't2', node: 'after', choice: 'blame', quality: WEAK_BELOW },
      ],
      WEAK_BELOW,
    );
    expect(report.attempts).toBe(3);
    expect(report.trainees).toBe(2);
    expect(report.outcomes).toEqual({ resolved: 1, escalated: 0, customerLost: 1, publicComplaint: 0, unfinished: 1 });
    expect(report.skills).toEqual(skills(51, 60, 45, 25));
    expect(report.choices).toEqual([
      { node: 'after', choice: 'blame', count: 1, trainees: 1, weak: 0 },
      { node: 'open', choice: 'sorry', count: 2, trainees: 1, weak: 0 },
      { node: 'open', choice: 'breath', count: 1, trainees: 1, weak: 1 },
    ]);
  });
});
