import { OUTCOMES, type Outcome } from '../rubric.ts';
import { stronglyConnected } from './components.ts';
import type { StateGraph } from './stateGraph.ts';

/**
 * The mostly-good trainee behind measured difficulty (issue 10, item 5): at every decision the
 * expert's move with probability `MOSTLY_GOOD_EXPERT`, otherwise a move chosen uniformly among the
 * legal ones, silence left out unless nothing else is possible (`mostlyGoodPicker` and
 * `randomPicker` in surfaceBots.ts play it; this works out exactly how its conversations end).
 */
export const MOSTLY_GOOD_EXPERT = 0.7;

/**
 * Measured difficulty from the probability that a mostly-good trainee ends resolved: at least
 * `easyFrom` is 1, at least `mediumFrom` is 2, below it 3. With fair endings a mostly-good
 * trainee usually recovers, so "hard" means that still fails three times in ten.
 */
export const DIFFICULTY_THRESHOLDS = { easyFrom: 0.9, mediumFrom: 0.7 } as const;

export function measuredDifficulty(resolvedShare: number, thresholds: { easyFrom: number; mediumFrom: number } = DIFFICULTY_THRESHOLDS): 1 | 2 | 3 {
  if (resolvedShare >= thresholds.easyFrom) return 1;
  return resolvedShare >= thresholds.mediumFrom ? 2 : 3;
}

/** How the mostly-good trainee's conversations end: the exact probability of each outcome (a conversation that gets stuck ends in none). */
export type OutcomeOdds = Record<Outcome, number>;

/**
 * The exact odds, by dynamic programming over the state graph, sinks first: the odds of a state
 * are Σ over its moves π(move) × the odds of the state it leads to, with
 * π(move) = p × [move is the expert's] + (1 − p) × [move is in the random pool] / |random pool|.
 * O(edges). The graph's edges are exactly `legalChoices`, the moves `simulate` offers a picker, and
 * its expert edge is `expertMove`, which `expertPicker` plays; where the expert has no move, the
 * picker takes the first legal one. Both read only what the state merge key keeps (node, mood,
 * composure, breath taken, the replies conditions name; the timer is the scenario's), so merged
 * states play alike. The one thing outside the key, the order replies are shown in, decides only
 * a tie for the expert's reply, which the linter forbids. `order` is sinks first (from
 * `stronglyConnected`); a graph with a loop has no such order, and is refused.
 */
export function mostlyGoodOdds(graph: StateGraph, order: Int32Array = stronglyConnected(graph).order, expertProbability = MOSTLY_GOOD_EXPERT): OutcomeOdds {
  const { states, firstEdge, to, choices, expertEdge } = graph;
  const kinds = OUTCOMES.length;
  // Per state, the odds of each outcome side by side: state × kinds + outcome.
  const odds = new Float64Array(states.length * kinds);
  const settled = new Uint8Array(states.length);
  for (const state of order) {
    const outcome = states[state]?.outcome ?? null;
    const at = state * kinds;
    if (outcome !== null) odds[at + OUTCOMES.indexOf(outcome)] = 1;
    const [first, end] = [firstEdge[state] as number, firstEdge[state + 1] as number];
    let spoken = 0;
    for (let edge = first; edge < end; edge++) if (choices[edge]?.kind !== 'silence') spoken++;
    const share = (1 - expertProbability) / (spoken > 0 ? spoken : end - first);
    const expert = (expertEdge[state] as number) >= 0 ? (expertEdge[state] as number) : first;
    for (let edge = first; edge < end; edge++) {
      const next = to[edge] as number;
      if (settled[next] !== 1) throw new Error(`mostly-good odds: the state graph has a loop through state ${next}, so it has no order to work them out in`);
      const weight = (edge === expert ? expertProbability : 0) + (spoken === 0 || choices[edge]?.kind !== 'silence' ? share : 0);
      if (weight === 0) continue;
      for (let kind = 0; kind < kinds; kind++) odds[at + kind] = (odds[at + kind] as number) + weight * (odds[next * kinds + kind] as number);
    }
    settled[state] = 1;
  }
  return Object.fromEntries(OUTCOMES.map((outcome, kind) => [outcome, odds[kind] ?? 0])) as OutcomeOdds;
}
