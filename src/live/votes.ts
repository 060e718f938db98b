import type { Choice } from '../engine/rules.ts';
import { choiceKey } from '../reports/scenario.ts';
import type { HotSeatRotation, RosterEntry, Tally } from './events.ts';

export const sameChoice = (a: Choice, b: Choice) => choiceKey(a) === choiceKey(b);

/**
 * The votes (and any hands counted) per move, most first; equal counts keep the order the moves
 * were shown in (`shown`, the rules' legal moves), so a tally reads the same on every screen.
 */
export function tallyVotes(votes: Record<string, Choice>, shown: readonly Choice[], hands: readonly Tally[] = []): Tally[] {
  const position = (choice: Choice) => shown.findIndex((candidate) => sameChoice(candidate, choice));
  const tallies: Tally[] = [];
  for (const { choice, count } of [...hands, ...Object.values(votes).map((choice) => ({ choice, count: 1 }))]) {
    const tally = tallies.find((candidate) => sameChoice(candidate.choice, choice));
    if (tally) tally.count += count;
    else tallies.push({ choice, count });
  }
  return tallies.sort((a, b) => b.count - a.count || position(a.choice) - position(b.choice));
}

/**
 * The room's majority. A tie goes to the hot seat's vote when it is among the tied moves (the
 * trainee in the chair breaks it), else to the tied move shown first. Null when nobody voted.
 */
export function majorityOf(tallies: readonly Tally[], hotSeatVote: Choice | undefined): Choice | null {
  const top = tallies[0];
  if (!top) return null;
  const tied = tallies.filter((tally) => tally.count === top.count);
  return tied.find((tally) => hotSeatVote !== undefined && sameChoice(tally.choice, hotSeatVote))?.choice ?? top.choice;
}

/**
 * Who is in the hot seat: the roster in order, moving on at each scenario or after every n
 * decisions of the session (counted across scenarios; an undone decision no longer counts).
 */
export function hotSeatOf(roster: readonly RosterEntry[], rotation: HotSeatRotation, scenarioIndex: number, decisionsMade: number): string | null {
  if (roster.length === 0) return null;
  const turn = rotation.every === 'scenario' ? scenarioIndex : Math.floor(decisionsMade / rotation.n);
  return roster[turn % roster.length]?.id ?? null;
}
