import type { Choice } from '../engine/rules.ts';
import { OUTCOMES, SKILLS, type Outcome, type SkillVector } from '../rubric.ts';
import { COLUMNS, OVERALL, type StateGraph } from './stateGraph.ts';

export type Scores = SkillVector & { overall: number };

/** A route is the list of edges it takes from the start. */
export type Route = number[];

/** One path from the start to an ending, scored as `scoreChoices` scores it. */
export interface ScoredPath {
  choices: Choice[];
  outcome: Outcome;
  scores: Scores;
}

/**
 * A state graph without cycles, with an order where every move leads to a state earlier in
 * `order`, and with `possible` already counting what a conversation cut short leaves unreached
 * (unreached.ts), so that a route's sums are exactly scoring's.
 */
export interface OrderedGraph extends StateGraph {
  order: Int32Array;
  /** Per state: 1 for an ending. */
  ending: Uint8Array;
  /** Per state: the bit of its outcome (`outcomeBit`) for an ending, 0 otherwise. */
  outcome: Uint8Array;
}

/** Endings are picked out by outcome, as a set of bits. */
export const outcomeBit = (outcome: Outcome) => 1 << OUTCOMES.indexOf(outcome);
export const ANY_ENDING = OUTCOMES.reduce((bits, outcome) => bits | outcomeBit(outcome), 0);

/** Dinkelbach's method settles in a handful of passes; the cap only guards against a float that never settles. */
const MAX_DINKELBACH_PASSES = 60;
/** Two ratios this close are the same ratio. */
const RATIO_TOLERANCE = 1e-12;
/** A weight too small to change which route is best, only which of two equal routes wins. */
const TIE_BREAK = 1e-9;

/** Column `i` of the graph's per-skill arrays is `SKILLS[i]`; values are keyed by name so no reader depends on that order. */
export const skillVector = (value: (column: number) => number): SkillVector => Object.fromEntries(SKILLS.map((skill, column) => [skill, value(column)])) as SkillVector;
export const choicesOf = (graph: StateGraph, route: Route) => route.map((edge) => graph.choices[edge] as Choice);
export const endOf = (graph: StateGraph, route: Route) => (route.length > 0 ? (graph.to[route[route.length - 1] as number] as number) : 0);

/** The best route from the start to an ending with an outcome in `targets` by the sum of `weight` per edge. */
function bestRoute(graph: OrderedGraph, targets: number, weight: Float64Array): Route | null {
  const { firstEdge, to, order, ending, outcome } = graph;
  // Buffers shared between passes: each state is reset in its turn, before any state that reads it (moves lead earlier in `order`).
  const { value, choice } = workspace(graph);
  for (let i = 0; i < order.length; i++) {
    const at = order[i] as number;
    value[at] = -Infinity;
    choice[at] = -1;
    if (ending[at] === 1) {
      value[at] = ((outcome[at] as number) & targets) !== 0 ? 0 : -Infinity;
      continue;
    }
    // The hottest loop of the lint: plain indexing, no helpers.
    for (let edge = firstEdge[at] as number, end = firstEdge[at + 1] as number; edge < end; edge++) {
      const candidate = (weight[edge] as number) + (value[to[edge] as number] as number);
      if (candidate > (value[at] as number)) {
        value[at] = candidate;
        choice[at] = edge;
      }
    }
  }
  if (value[0] === -Infinity) return null;
  const route: Route = [];
  for (let edge = choice[0] as number; edge >= 0; edge = choice[to[edge] as number] as number) route.push(edge);
  return route;
}

/** Buffers for the passes over one graph, reused: a lint makes dozens of passes per scenario. */
interface Workspace {
  weight: Float64Array;
  value: Float64Array;
  choice: Int32Array;
}
const workspaces = new WeakMap<Int32Array, Workspace>();
function workspace(graph: OrderedGraph): Workspace {
  let found = workspaces.get(graph.to);
  if (!found) workspaces.set(graph.to, (found = { weight: new Float64Array(graph.to.length), value: new Float64Array(graph.states.length), choice: new Int32Array(graph.states.length) }));
  return found;
}

/** Per edge, `a * earned + b * possible` of one column: every Dinkelbach pass scores edges this way. */
function linearWeights(graph: OrderedGraph, column: number, a: number, b: number): Float64Array {
  const [earned, possible] = [graph.earned[column] as Float64Array, graph.possible[column] as Float64Array];
  const { weight } = workspace(graph);
  for (let edge = 0; edge < weight.length; edge++) weight[edge] = a * (earned[edge] as number) + b * (possible[edge] as number);
  return weight;
}

const totalOf = (amounts: Float64Array | undefined, route: Route) => route.reduce((sum, edge) => sum + (amounts?.[edge] ?? 0), 0);
/** The share of what could be earned that a route earned in one column (1 when nothing was at stake). */
const shareEarned = (graph: StateGraph, route: Route, column: number) => {
  const possible = totalOf(graph.possible[column], route);
  return possible === 0 ? 1 : totalOf(graph.earned[column], route) / possible;
};

/**
 * Per column: the outcomes (as bits) some route reaches while earning everything at stake in that
 * column at every move (nothing at stake included), so it scores 100 there. One pass per column
 * settles most best scores without Dinkelbach, and it finds the routes Dinkelbach cannot see: a
 * route with nothing at stake weighs 0 in every pass.
 */
export function perfectOutcomes(graph: OrderedGraph): number[] {
  const { states, firstEdge, to, order, ending, outcome } = graph;
  return Array.from({ length: COLUMNS }, (_, column) => {
    const [earned, possible] = [graph.earned[column] as Float64Array, graph.possible[column] as Float64Array];
    const reach = new Uint8Array(states.length);
    for (const at of order) {
      if (ending[at] === 1) {
        reach[at] = outcome[at] as number;
        continue;
      }
      let bits = 0;
      for (let edge = firstEdge[at] as number, end = firstEdge[at + 1] as number; edge < end; edge++) if (earned[edge] === possible[edge]) bits |= reach[to[edge] as number] as number;
      reach[at] = bits;
    }
    return reach[0] as number;
  });
}

/**
 * Dinkelbach: the largest (direction 1) or smallest (-1) earned/possible ratio of one column over
 * all routes to an ending in `targets`, as a rounded score, with a route that has it.
 * `perfect` (from `perfectOutcomes`) settles the largest at once where a route scores 100.
 */
export function ratioBound(graph: OrderedGraph, column: number, direction: 1 | -1, targets: number, perfect: readonly number[]): { value: number; route: Route | null } {
  if (direction === 1 && ((perfect[column] ?? 0) & targets) !== 0) {
    const [earned, possible] = [graph.earned[column] as Float64Array, graph.possible[column] as Float64Array];
    const { weight: flawless } = workspace(graph);
    for (let edge = 0; edge < flawless.length; edge++) flawless[edge] = earned[edge] === possible[edge] ? TIE_BREAK * (possible[edge] as number) : -Infinity;
    return { value: 100, route: bestRoute(graph, targets, flawless) };
  }
  // Any start converges; from 0, a column whose worst route earns nothing is settled in one pass.
  let lambda = 0;
  let route: Route | null = null;
  for (let pass = 0; pass < MAX_DINKELBACH_PASSES; pass++) {
    // Ties go to the route with more at stake, so routes where nothing could be earned do not hide real ones.
    const found = bestRoute(graph, targets, linearWeights(graph, column, direction, TIE_BREAK - direction * lambda));
    if (!found) break;
    route = found;
    const next = shareEarned(graph, found, column);
    if (Math.abs(next - lambda) < RATIO_TOLERANCE) break;
    lambda = next;
  }
  return { value: route ? Math.round(100 * shareEarned(graph, route, column)) : 100, route };
}

export function scoresOf(graph: StateGraph, route: Route): Scores {
  const score = (column: number) => Math.round(100 * shareEarned(graph, route, column));
  return { ...skillVector(score), overall: score(OVERALL) };
}

export function scoredPath(graph: OrderedGraph, route: Route): ScoredPath {
  return { choices: choicesOf(graph, route), outcome: graph.states[endOf(graph, route)]?.outcome as Outcome, scores: scoresOf(graph, route) };
}

/** The expert's route: their move at every state from the start, as far as it goes. */
export function expertRoute(graph: StateGraph): { route: Route; ends: boolean } {
  const route: Route = [];
  let at = 0;
  for (let edge = graph.expertEdge[0] as number; edge >= 0; edge = graph.expertEdge[at] as number) {
    route.push(edge);
    at = graph.to[edge] as number;
  }
  return { route, ends: graph.states[at]?.outcome !== null };
}
