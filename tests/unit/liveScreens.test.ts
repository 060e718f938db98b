import { describe, expect, it } from 'vitest';
import { WEAK_BELOW, type ProjectorView, type PublicDecisionSummary, type PublicVote, type RoomSnapshot } from '../../src/index.ts';
import { DecidedRound } from '../../views/live/parts/decidedRound.ts';
import { clock, timeLeft } from '../../views/live/parts/timer.ts';
import { verdictOf } from '../../views/live/parts/verdict.ts';
import { summaryPages } from '../../views/live/projector/summary.ts';

/** The live screens' pure pieces: the countdown, a move's verdict, the decided round's vote, the summary's pages. */

const vote = (fields: Partial<PublicVote> = {}): PublicVote => ({ open: true, remainingMs: 30_000, since: 1_000, tallies: [], voters: 0, ...fields });
const breath = { kind: 'breath' } as const;

describe('the countdown', () => {
  it('counts from the moment the timer last started, within its range, and only for an open timed vote', () => {
    expect(timeLeft(vote(), 1_000)).toBe(30_000);
    expect(timeLeft(vote(), 21_000)).toBe(10_000);
    expect(timeLeft(vote(), 99_000)).toBe(0);
    // A screen whose clock runs behind the server's shows no more than the timer holds.
    expect(timeLeft(vote(), 0)).toBe(30_000);
    expect(timeLeft(vote({ remainingMs: null }), 1_000)).toBeNull();
    expect(timeLeft(vote({ open: false }), 1_000)).toBeNull();
    expect(timeLeft(null, 1_000)).toBeNull();
  });

  it('reads as m:ss, rounded up', () => {
    expect([clock(120_000), clock(59_001), clock(1), clock(0)]).toEqual(['2:00', '1:00', '0:01', '0:00']);
  });
});

it('calls the expert’s move the best, a weak one weak, and the rest fair', () => {
  expect([verdictOf(1), verdictOf(0.9), verdictOf(WEAK_BELOW), verdictOf(WEAK_BELOW - 0.01), verdictOf(0)]).toEqual(['best', 'fair', 'fair', 'weak', 'weak']);
});

describe('the decided round', () => {
  const snapshot = (fields: Partial<RoomSnapshot>): RoomSnapshot => ({
    phase: 'voting',
    paused: false,
    scenario: { id: 's', version: 1 },
    scenarioIndex: 0,
    scenarioCount: 1,
    round: 2,
    conversation: null,
    hotSeat: null,
    present: 2,
    vote: null,
    decision: null,
    feedbackShown: false,
    ...fields,
  });
  const decision = (index: number) => ({ choice: breath, source: 'majority' as const, before: {} as never, index });

  it('keeps the vote it saw for the reveal of that round, and nothing for another', () => {
    const round = new DecidedRound();
    const seen = vote({ tallies: [{ choice: breath, count: 2 }], voters: 2 });
    expect(round.see(snapshot({ vote: seen }), breath)).toEqual({ vote: seen, mine: breath });
    expect(round.see(snapshot({ phase: 'revealed', round: 3, decision: decision(2) }))).toEqual({ vote: seen, mine: breath });
    // Another round's reveal (after an undo and a new decision elsewhere), or another scenario's: nothing kept.
    expect(round.see(snapshot({ phase: 'revealed', round: 4, decision: decision(3) }))).toEqual({ vote: null, mine: null });
    expect(round.see(snapshot({ phase: 'revealed', scenarioIndex: 1, round: 3, decision: decision(2) }))).toEqual({ vote: null, mine: null });
  });

  it('has nothing to show on a screen opened after the decision', () => {
    expect(new DecidedRound().see(snapshot({ phase: 'revealed', round: 3, decision: decision(2) }))).toEqual({ vote: null, mine: null });
  });
});

describe('the summary’s pages', () => {
  const decided = (position: number, hard: boolean): PublicDecisionSummary =>
    ({ decision: position, scenario: 's', node: 'n', source: 'majority', room: { choice: breath, quality: 1 }, hotSeat: null, best: breath, roomChoseBest: true, roomFollowedHotSeat: null, tallies: [], voters: 0, agreement: null, meanQuality: null, hard }) as PublicDecisionSummary;
  const ended = (count: number): ProjectorView => {
    const decisions = Array.from({ length: count }, (_, position) => decided(position, position % 2 === 0));
    return { summary: { decisions, hardest: decisions.filter((each) => each.hard) } } as ProjectorView;
  };

  it('opens on the hardest decisions (at most a page of them), then every decision, three to a page', () => {
    const pages = summaryPages(ended(7));
    expect(pages.map((page) => [page.kind, page.decisions.map((each) => each.decision)])).toEqual([
      ['hardest', [0, 2, 4]],
      ['all', [0, 1, 2]],
      ['all', [3, 4, 5]],
      ['all', [6]],
    ]);
  });

  it('is one page when nothing was decided, or before the summary has come', () => {
    expect(summaryPages(ended(0))).toEqual([{ kind: 'hardest', decisions: [] }]);
    expect(summaryPages({ summary: null } as ProjectorView)).toEqual([{ kind: 'hardest', decisions: [] }]);
  });
});
