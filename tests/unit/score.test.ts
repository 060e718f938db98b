import { describe, expect, it } from 'vitest';
import type { Choice } from '../../src/index.ts';
import { scoreChoices, type ScoreReport } from '../../src/index.ts';
import { exampleScenario } from '../helpers.ts';

const scenario = exampleScenario();
const reply = (id: string): Choice => ({ kind: 'reply', reply: id });
const breath: Choice = { kind: 'breath' };

function score(choices: Choice[]): ScoreReport {
  const result = scoreChoices(scenario, choices);
  if (!result.ok) throw new Error(result.error);
  return result.report;
}

describe('scoreChoices', () => {
  it('gives 100 on every skill for the best path, with the outcome', () => {
    const report = score([reply('ask'), breath, reply('boundary')]);
    expect(report.skills).toEqual({ calm: 100, notPersonal: 100, empathy: 100, concreteFix: 100 });
    expect(report.overall).toBe(100);
    expect(report.outcome).toBe('resolved');
  });

  it('gives 0 on every skill for the worst choice at every decision', () => {
    const report = score([reply('policy')]);
    expect(report.skills).toEqual({ calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 });
    expect(report.outcome).toBe('publicComplaint');
  });

  it('normalises each skill between the worst and best choices available on this path', () => {
    // ask: best at opening. transfer at insult: calm 1 of range [-3, 3], empathy 0 of [-2, 1].
    const report = score([reply('ask'), reply('transfer')]);
    // calm: (2 - 0) + (1 - -3) earned of (2 - 0) + (3 - -3) possible = 6/8
    expect(report.skills.calm).toBe(75);
    // empathy: (3 - -2) + (0 - -2) of (3 - -2) + (1 - -2) = 7/8
    expect(report.skills.empathy).toBe(88);
  });

  it('measures overall against the expert move at each decision, counting what an early exit skipped', () => {
    // ask is the expert at opening (total 6, worst policy -3): earned 9 of 9.
    // transfer at insult (total 3; expert boundary 9, worst snap -8): earned 11 of 17.
    // It ends "escalated", and transfer teaches P4, so nothing after it counts.
    expect(score([reply('ask'), reply('transfer')]).overall).toBe(Math.round((100 * (9 + 11)) / (9 + 17)));
  });

  it('counts the decisions an expert would still have made after an unresolved ending as not earned', () => {
    const noHandOver = structuredClone(scenario);
    const transfer = noHandOver.nodes.insult?.replies?.[2];
    if (!transfer) throw new Error('fixture changed');
    transfer.teaches = ['P2'];
    // Rattled at insult, the expert would take a breath, then say boundary. The trainee's transfer
    // stands in for the breath; boundary (expert 9, worst snap -8) is unreached: 17 more possible, none earned.
    const result = scoreChoices(noHandOver, [reply('ask'), reply('transfer')]);
    if (!result.ok) throw new Error(result.error);
    expect(result.report.unreached.map((review) => review.choice)).toEqual([reply('boundary')]);
    expect(result.report.overall).toBe(Math.round((100 * (9 + 11)) / (9 + 17 + 17)));
    // calm: earned (2 - 0) + (1 - -3) = 6; possible 2 + 6 + boundary's 6 unreached = 14.
    expect(result.report.skills.calm).toBe(Math.round((100 * 6) / 14));
  });

  it('gives the expert path 100 overall even where it trades a skill away', () => {
    const tradeOff = structuredClone(scenario);
    const policy = tradeOff.nodes.opening?.replies?.[1];
    if (!policy) throw new Error('fixture changed');
    // A cold but concrete reply: better than the expert on concrete fix, worse overall (total 2 < 6).
    policy.skills = { calm: 1, notPersonal: 1, empathy: -2, concreteFix: 2 };
    const result = scoreChoices(tradeOff, [reply('ask'), breath, reply('boundary')]);
    if (!result.ok) throw new Error(result.error);
    expect(result.report.overall).toBe(100);
    // concrete fix: ask earns 0 of the 2 policy offered at opening; the breath moves nothing; boundary earns 2 of 2.
    expect(result.report.skills.concreteFix).toBe(50);
    expect(result.report.skills.empathy).toBe(100);
  });

  it('lets one reply help a skill and hurt another', () => {
    const custom = structuredClone(scenario);
    const ask = custom.nodes.opening?.replies?.[0];
    if (!ask) throw new Error('fixture changed');
    ask.skills = { calm: 3, notPersonal: 0, empathy: -3, concreteFix: 0 };
    const result = scoreChoices(custom, [reply('ask')]);
    expect(result.ok && result.report.skills.calm).toBe(100);
    expect(result.ok && result.report.skills.empathy).toBe(0);
  });

  it('reviews each decision with its feedback, principles and, when weak, the better reply', () => {
    const report = score([reply('ask'), reply('snap')]);
    expect(report.decisions.map((d) => [d.node, d.feedback.key, d.teaches, d.better])).toEqual([
      ['opening', 'nodes.opening.replies.ask.feedback', ['P8'], null],
      ['insult', 'nodes.insult.replies.snap.feedback', ['P5', 'P6'], { reply: 'boundary' }],
    ]);
    expect(report.decisions[1]).toMatchObject({ moodBefore: 55, moodAfter: 85, quality: 0 });
  });

  it('judges a breath by context', () => {
    const needed = score([reply('ask'), breath, reply('boundary')]).decisions[1];
    expect(needed).toMatchObject({ feedback: { ns: 'common', key: 'breath.wellTimed' }, teaches: ['P1'], quality: 1, better: null });
    const unneeded = score([breath, reply('ask')]).decisions[0];
    expect(unneeded).toMatchObject({ feedback: { key: 'breath.unneeded' }, quality: 0, better: { reply: null } });
  });

  it('judges silence as indifference, measured against the replies on offer', () => {
    const timed = { ...scenario, timer: { seconds: 30, mood: 10 } };
    const result = scoreChoices(timed, [{ kind: 'silence' }]);
    if (!result.ok) throw new Error(result.error);
    expect(result.report.decisions[0]).toMatchObject({ feedback: { key: 'silence.feedback' }, teaches: ['P16'], better: { reply: 'ask' }, quality: 0 });
    expect(result.report.skills.empathy).toBe(0);
  });

  it('reports an unfinished conversation with outcome null', () => {
    expect(score([reply('ask')]).outcome).toBeNull();
    expect(score([]).skills.calm).toBe(100);
  });

  it('rejects choices that do not fit the scenario, as a stored attempt may be corrupt', () => {
    expect(scoreChoices(scenario, [reply('ask'), reply('nonsense')])).toEqual({ ok: false, error: 'decision 2: reply "nonsense" is not offered at node "insult"' });
  });
});
