import type { Choice } from '../engine/rules.ts';
import { EXPERT_HORIZON, HAND_OVER } from '../scoring/score.ts';
import type { Scenario } from '../scenario/schema.ts';
import { COLUMNS, type StateGraph } from './stateGraph.ts';

/**
 * What a conversation cut short leaves unreached (docs/scoring.md), per edge of the state graph.
 * A path that ends anything but "resolved", with a last move that is not a reply teaching the
 * hand-over (P4), is scored by `scoreChoices` with `expertContinuation(stateBeforeLastMove).slice(1)`
 * added to what was possible: the expert's decisions after their own first move from the state
 * the last move was made in. That depends only on the edge (its move and where it leads) and the
 * state it leaves, so it is added to the edge's `possible` columns and every path sums to exactly
 * what scoring divides by.
 */
export interface Unreached {
  /** Per column, per edge: the move's own stake plus, for a move that cuts the conversation short, the expert's unreached decisions. */
  possible: Float64Array[];
  /** Per edge: 1 for a move that cuts the conversation short. */
  cutShort: Uint8Array;
  /** Per column, per state: what the expert's decisions after their first move from this state put at stake. */
  afterExpert: Float64Array[];
}

/**
 * Per state, the expert's continuation is summed by dynamic programming over the graph in
 * `order` (every move leads to a state earlier in it, so a state's successor is settled first):
 * the stake of the expert's move plus the stake from where it leads. The expert's move is the
 * graph's `expertEdge`, which is `expertMove` from scoring, breath first included. A continuation
 * longer than scoring follows (`EXPERT_HORIZON` moves from the state before the last move) is
 * summed move by move, as scoring cuts it.
 */
export function unreachedDecisions(scenario: Scenario, graph: StateGraph & { order: Int32Array }): Unreached {
  const { states, firstEdge, to, choices, expertEdge, order } = graph;
  const size = states.length;
  // How many moves the expert makes from each state to the end.
  const length = new Int32Array(size);
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number;
    const edge = expertEdge[at] as number;
    if (edge >= 0) length[at] = (length[to[edge] as number] as number) + 1;
  }
  // The moves that cut the conversation short, and the state each is made in.
  const shortEnding = new Uint8Array(states.map((state) => Number(state.outcome !== null && state.outcome !== 'resolved')));
  const cutShort = new Uint8Array(to.length);
  const cuts = new Int32Array(to.length);
  const madeIn = new Int32Array(to.length);
  let cutCount = 0;
  // A move's object is shared by every state of its node (stateGraph.ts), so each is looked up once.
  const taught = new Map<Choice, boolean>();
  for (let at = 0; at < size; at++) {
    for (let edge = firstEdge[at] as number, end = firstEdge[at + 1] as number; edge < end; edge++) {
      if (shortEnding[to[edge] as number] === 0) continue;
      const choice = choices[edge] as Choice;
      let handOver = taught.get(choice);
      if (handOver === undefined) taught.set(choice, (handOver = handsOver(scenario, states[at]?.node ?? '', choice)));
      if (handOver) continue;
      cutShort[edge] = 1;
      cuts[cutCount] = edge;
      madeIn[cutCount++] = at;
    }
  }
  // Scoring follows at most EXPERT_HORIZON moves from the state before the last move, and drops the first.
  const kept = EXPERT_HORIZON - 1;
  const possible: Float64Array[] = [];
  const afterExpert: Float64Array[] = [];
  for (let column = 0; column < COLUMNS; column++) {
    const stake = graph.possible[column] as Float64Array;
    // tail[state]: the stake of the expert's moves from `state` to the end.
    const tail = new Float64Array(size);
    for (let i = 0; i < order.length; i++) {
      const at = order[i] as number;
      const edge = expertEdge[at] as number;
      if (edge >= 0) tail[at] = (stake[edge] as number) + (tail[to[edge] as number] as number);
    }
    const after = new Float64Array(size);
    for (let at = 0; at < size; at++) {
      const edge = expertEdge[at] as number;
      if (edge < 0) continue;
      const from = to[edge] as number;
      after[at] = (length[from] as number) <= kept ? (tail[from] as number) : firstMoves(graph, from, kept, column);
    }
    const padded = stake.slice();
    for (let i = 0; i < cutCount; i++) {
      const edge = cuts[i] as number;
      padded[edge] = (padded[edge] as number) + (after[madeIn[i] as number] as number);
    }
    possible.push(padded);
    afterExpert.push(after);
  }
  return { possible, cutShort, afterExpert };
}

/** A reply that teaches the hand-over (P4): the scenario's own way out, which skips nothing. */
function handsOver(scenario: Scenario, node: string, choice: Choice): boolean {
  if (choice.kind !== 'reply') return false;
  return scenario.nodes[node]?.replies?.find((reply) => reply.id === choice.reply)?.teaches.includes(HAND_OVER) ?? false;
}

/** The stake of the expert's first `count` moves from `state`, one by one. */
function firstMoves(graph: StateGraph, state: number, count: number, column: number): number {
  let sum = 0;
  for (let at = state, moves = 0; moves < count; moves++) {
    const edge = graph.expertEdge[at] as number;
    if (edge < 0) break;
    sum += (graph.possible[column] as Float64Array)[edge] as number;
    at = graph.to[edge] as number;
  }
  return sum;
}
