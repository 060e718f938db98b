import type { Choice } from '../engine/rules.ts';
import { SKILLS, type SkillVector } from '../rubric.ts';
import { overallOf } from '../scoring/score.ts';
import type { StateGraph } from './stateGraph.ts';

export type Scores = SkillVector & { overall: number };

/** A route is the list of edges it takes from the start. */
export type Route = number[];

/** A state graph without cycles, with an order where every move leads to a state earlier in `order`. */
export interface OrderedGraph extends StateGraph {
  order: Int32Array;
  /** Per state: 1 for an ending. */
  ending: Uint8Array;
}

/** Dinkelbach's method settles in a handful of passes; the cap only guards against a float that never settles. */
const MAX_DINKELBACH_PASSES = 60;
/** Two ratios this close are the same ratio. */
const RATIO_TOLERANCE = 1e-12;
/** A weight too small to change which route is best, only which of two equal routes wins. */
const TIE_BREAK = 1e-9;
/** Rounds of pushing all four skills down at once in the search for a weak resolved path. */
const WEAKEST_SEARCH_ROUNDS = 20;

/** Column `i` of the graph's per-skill arrays is `SKILLS[i]`; values are keyed by name so no reader depends on that order. */
export const skillVector = (value: (column: number) => number): SkillVector => Object.fromEntries(SKILLS.map((skill, column) => [skill, value(column)])) as SkillVector;
export const choicesOf = (graph: StateGraph, route: Route) => route.map((edge) => graph.choices[edge] as Choice);
export const endOf = (graph: StateGraph, route: Route) => (route.length > 0 ? (graph.to[route[route.length - 1] as number] as number) : 0);

/** The best route from the start to a target ending by the sum of `weight` per edge. */
function bestRoute(graph: OrderedGraph, target: Uint8Array, weight: Float64Array): Route | null {
  const { states, firstEdge, to, order, ending } = graph;
  const value = new Float64Array(states.length).fill(-Infinity);
  const choice = new Int32Array(states.length).fill(-1);
  for (const at of order) {
    if (ending[at] === 1) {
      value[at] = target[at] === 1 ? 0 : -Infinity;
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

/**
 * Per edge, the sum over skills of `perEarned[skill] * earned + perPossible[skill] * possible`:
 * every pass scores edges this way, so it is one tight loop per skill.
 */
function linearWeights(earned: readonly Float64Array[], possible: readonly Float64Array[], perEarned: readonly number[], perPossible: readonly number[]): Float64Array {
  const weight = new Float64Array(earned[0]?.length ?? 0);
  SKILLS.forEach((_, skill) => {
    const [earnedHere, possibleHere, a, b] = [earned[skill] as Float64Array, possible[skill] as Float64Array, perEarned[skill] ?? 0, perPossible[skill] ?? 0];
    if (a === 0 && b === 0) return;
    for (let edge = 0; edge < weight.length; edge++) weight[edge] = (weight[edge] as number) + a * (earnedHere[edge] as number) + b * (possibleHere[edge] as number);
  });
  return weight;
}

/** Weights for one skill's column and zero for the others. */
const forSkill = (column: number, value: number) => SKILLS.map((_, other) => (other === column ? value : 0));
const totalOf = (amounts: Float64Array | undefined, route: Route) => route.reduce((sum, edge) => sum + (amounts?.[edge] ?? 0), 0);
/** The share of what could be earned that a route earned in one skill (1 when nothing was at stake). */
const shareEarned = (graph: StateGraph, route: Route, column: number) => {
  const possible = totalOf(graph.possible[column], route);
  return possible === 0 ? 1 : totalOf(graph.earned[column], route) / possible;
};

/** Dinkelbach: the largest (direction 1) or smallest (-1) earned/possible ratio of one skill over all routes to a target. */
export function ratioBound(graph: OrderedGraph, column: number, direction: 1 | -1, target: Uint8Array): { value: number; route: Route | null } {
  // Any start converges; from 0, a skill whose worst route earns nothing is settled in one pass.
  let lambda = 0;
  let route: Route | null = null;
  for (let pass = 0; pass < MAX_DINKELBACH_PASSES; pass++) {
    // Ties go to the route with more at stake, so routes where nothing could be earned do not hide real ones.
    const found = bestRoute(graph, target, linearWeights(graph.earned, graph.possible, forSkill(column, direction), forSkill(column, TIE_BREAK - direction * lambda)));
    if (!found) break;
    route = found;
    const next = shareEarned(graph, found, column);
    if (Math.abs(next - lambda) < RATIO_TOLERANCE) break;
    lambda = next;
  }
  return { value: route ? Math.round(100 * shareEarned(graph, route, column)) : 100, route };
}

/** A route to an ending that loses nothing on any skill, if there is one. */
export function perfectRoute(graph: OrderedGraph): Route | null {
  // Every skill's shortfall (possible minus earned) counts against the route; a flawless route loses nothing.
  const shortfall = linearWeights(graph.earned, graph.possible, SKILLS.map(() => 1), SKILLS.map(() => -1));
  const route = bestRoute(graph, graph.ending, shortfall);
  return route && route.every((edge) => shortfall[edge] === 0) ? route : null;
}

function scoresOf(graph: StateGraph, route: Route): Scores {
  const skills = skillVector((column) => Math.round(100 * shareEarned(graph, route, column)));
  return { ...skills, overall: overallOf(skills) };
}

/**
 * A proven floor for the overall score of resolved paths (no path's overall is lower: each skill
 * is at least its own minimum), and the weakest resolved path found, which the floor may undercut.
 */
export function weakestResolved(graph: OrderedGraph, isResolved: Uint8Array): { lowerBound: number; weakest: { scores: Scores; choices: Choice[] } } {
  const minima = SKILLS.map((_, column) => ratioBound(graph, column, -1, isResolved));
  const candidates = minima.flatMap((minimum) => (minimum.route ? [minimum.route] : []));
  // Then push all four skills down at once, each edge's amounts scaled to its stake and each skill
  // weighted by the share its last route earned.
  const perStake = (amounts: Float64Array[]) =>
    amounts.map((column, skill) => {
      const [scaled, stake] = [new Float64Array(column.length), graph.possible[skill] as Float64Array];
      for (let edge = 0; edge < scaled.length; edge++) scaled[edge] = (column[edge] as number) / Math.max(1, stake[edge] as number);
      return scaled;
    });
  const [earned, possible] = [perStake(graph.earned), perStake(graph.possible)];
  let weights = minima.map((minimum) => minimum.value / 100);
  for (let round = 0; round < WEAKEST_SEARCH_ROUNDS; round++) {
    const route = bestRoute(graph, isResolved, linearWeights(earned, possible, SKILLS.map(() => -1), weights));
    if (!route) break;
    candidates.push(route);
    const next = SKILLS.map((_, column) => shareEarned(graph, route, column));
    if (next.every((share, column) => share === weights[column])) break;
    weights = next;
  }
  const scored = candidates.map((route) => ({ scores: scoresOf(graph, route), choices: choicesOf(graph, route) }));
  const weakest = scored.reduce((low, candidate) => (candidate.scores.overall < low.scores.overall ? candidate : low));
  return { lowerBound: overallOf(skillVector((column) => minima[column]?.value ?? 100)), weakest };
}
