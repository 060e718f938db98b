import { describe, expect, it } from 'vitest';
import { foldLog, hotSeatCredits, officialAttempt, participantScores, replayChoices, scoreChoices, sessionSummary } from '../../src/index.ts';
import { joined, library, reply, scenarioNamed, stamp, started, votes } from './liveLog.ts';

/**
 * A small scripted class on a real scenario (late-return). ann is in the hot seat. At the opening
 * the room splits three ways and the tie goes to ann's "ask"; at "why" bob changes his vote, the
 * trainer's pick is undone, and the majority's weak "works_fine" is taken over ann's "demo".
 */
const log = stamp([
  started(['late-return'], ['ann']),
  ...joined('ann', 'bob', 'cat', 'dan'),
  { type: 'voteOpened', durationMs: null },
  ...votes({ ann: reply('ask'), bob: reply('form_first'), cat: reply('law_cold') }),
  { type: 'voteClosed' },
  { type: 'decided', source: 'majority' },
  { type: 'revealed' },
  { type: 'advanced' },
  { type: 'voteOpened', durationMs: null },
  ...votes({ ann: reply('demo'), bob: reply('explore'), cat: reply('works_fine') }),
  ...votes({ bob: reply('works_fine') }),
  { type: 'voteClosed' },
  { type: 'decided', source: 'trainer', choice: reply('salesman_blame') },
  { type: 'undone' },
  { type: 'decided', source: 'majority' },
  { type: 'ended' },
]);

describe('scoring a live session', () => {
  it('scores each participant by their votes, reviewed where the room was and normalised as an attempt is', () => {
    // By hand from dialogues/late-return.yaml. Per skill: Σ(vote − worst) / Σ(best − worst) over the
    // replies offered at each decision; overall: Σ(total − worst total) / Σ(expert total − worst total).
    // opening: best (2, 1, 2, 1), worst (1, −1, −2, −2), totals expert 5, worst −2.
    // why:     best (2, 1, 2, 2), worst (1, −2, −2, −1), totals expert 5, worst −2.
    // ann: ask (2,1,2,0) + demo (2,1,−1,2): calm 2/2, notPersonal 5/5, empathy 5/8, concreteFix 5/6, overall 13/14.
    // bob: form_first (1,1,−1,1) + works_fine (1,0,−2,−1): 0/2, 4/5, 1/8, 3/6, overall 4/14.
    // cat: law_cold (1,−1,−2,0) + works_fine: 0/2, 2/5, 0/8, 2/6, overall 0/14.
    expect(participantScores(log, library)).toEqual([
      { participant: 'ann', name: 'Name ann', votes: 2, skills: { calm: 100, notPersonal: 100, empathy: 63, concreteFix: 83 }, overall: 93 },
      { participant: 'bob', name: 'Name bob', votes: 2, skills: { calm: 0, notPersonal: 80, empathy: 13, concreteFix: 50 }, overall: 29 },
      { participant: 'cat', name: 'Name cat', votes: 2, skills: { calm: 0, notPersonal: 40, empathy: 0, concreteFix: 33 }, overall: 0 },
      { participant: 'dan', name: 'Name dan', votes: 0, skills: null, overall: null },
    ]);
  });

  it('makes the room path, undo respected, the official attempt: the engine replaying the room choices', () => {
    const scenario = scenarioNamed('late-return');
    const [attempt, ...others] = officialAttempt(log, library);
    expect(others).toEqual([]);
    const choices = [reply('ask'), reply('works_fine')];
    expect(attempt?.choices).toEqual(choices);
    const replayed = replayChoices(scenario, choices, 7);
    if (!replayed.ok) throw new Error(replayed.error);
    expect(attempt?.decisions.map((decision) => ({ ...decision, at: 0 }))).toEqual(replayed.state.decisions);
    expect(attempt?.outcome).toBe(replayed.state.outcome);
    expect(attempt?.score).toEqual((scoreChoices(scenario, choices) as { ok: true; report: unknown }).report);
    // Decisions are stamped with the time the room took them (the undone trainer's pick is gone).
    const majorities = log.filter((event) => event.type === 'decided' && event.source === 'majority').map((event) => event.at);
    expect(attempt?.decisions.map((decision) => decision.at)).toEqual(majorities);
  });

  it("credits the hot seat's own votes to them, whether or not the room followed", () => {
    const [ann, ...others] = hotSeatCredits(log, library);
    expect(others).toEqual([]);
    expect(ann?.participant).toBe('ann');
    expect(ann?.decisions.map((d) => [d.review.node, d.review.choice, d.source, d.followed])).toEqual([
      ['opening', reply('ask'), 'majority', true],
      ['why', reply('demo'), 'majority', false],
    ]);
    expect([ann?.skills, ann?.overall]).toEqual([{ calm: 100, notPersonal: 100, empathy: 63, concreteFix: 83 }, 93]);
  });

  it('summarises the room: its choices against the hot seat and the best reply, and the decisions it found hardest', () => {
    const summary = sessionSummary(log, library);
    const [opening, why] = summary.decisions;
    expect(opening).toMatchObject({
      node: 'opening',
      room: { choice: reply('ask'), quality: 1 },
      hotSeat: { participant: 'ann', vote: { choice: reply('ask'), quality: 1 } },
      best: reply('ask'),
      roomChoseBest: true,
      roomFollowedHotSeat: true,
      voters: 3,
      agreement: 1 / 3,
      hard: true,
    });
    expect(opening?.meanQuality).toBeCloseTo((1 + 4 / 7 + 0) / 3);
    expect(why).toMatchObject({
      node: 'why',
      room: { choice: reply('works_fine'), quality: 0 },
      hotSeat: { participant: 'ann', vote: { choice: reply('demo'), quality: 6 / 7 } },
      best: reply('explore'),
      roomChoseBest: false,
      roomFollowedHotSeat: false,
      agreement: 2 / 3,
      hard: true,
    });
    // Split at the opening, a weak majority at "why": the lower mean vote quality comes first.
    expect(summary.hardest.map((d) => d.node)).toEqual(['why', 'opening']);
    expect(summary.participants).toEqual(participantScores(log, library));
    expect(summary.attempts).toEqual(officialAttempt(log, library));
  });

  it('weighs a show of hands typed without phones like phone votes', () => {
    const hands = stamp([
      started(['late-return'], []),
      { type: 'handsCounted', counts: [{ choice: reply('ask'), count: 3 }, { choice: reply('law_cold'), count: 3 }] },
      { type: 'decided', source: 'majority' },
    ]);
    const { decisions, hardest, participants } = sessionSummary(hands, library);
    // ask is the expert's move (quality 1), law_cold the worst (0): an even split, mean quality ½.
    expect(decisions.map((d) => [d.voters, d.agreement, d.meanQuality, d.hard])).toEqual([[6, 0.5, 0.5, true]]);
    expect(hardest).toHaveLength(1);
    expect(participants).toEqual([]);
  });

  it('calls a clear, strong majority easy', () => {
    const easy = stamp([
      started(['late-return'], []),
      ...joined('ann', 'bob', 'cat'),
      { type: 'voteOpened', durationMs: null },
      ...votes({ ann: reply('ask'), bob: reply('ask'), cat: reply('cave') }),
      { type: 'voteClosed' },
      { type: 'decided', source: 'majority' },
    ]);
    const summary = sessionSummary(easy, library);
    expect(summary.decisions.map((d) => [d.agreement, d.hard, d.hotSeat])).toEqual([[2 / 3, false, null]]);
    expect(summary.hardest).toEqual([]);
    expect(foldLog(easy, library).phase).toBe('revealed');
  });
});
