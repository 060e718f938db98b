import type { Choice } from '../engine/rules.ts';
import { SKILLS, type Outcome, type SkillVector } from '../rubric.ts';
import type { Scenario } from '../scenario/schema.ts';
import { buildStateGraph, type StateGraph } from './stateGraph.ts';

export type Scores = SkillVector & { overall: number };

export interface PathAnalysis {
  /** Distinct conversation states the rules can reach. */
  states: number;
  /** Paths from the start to an ending (moves that return to an identical state are not counted). */
  paths: number;
  endings: Set<string>;
  outcomes: Set<Outcome>;
  /** Replies (`node.reply`) offered on at least one path. */
  offeredReplies: Set<string>;
  /** Nodes where some reachable state has no way to any ending, with a path that gets stuck there. */
  stuck: { node: string; choices: Choice[] }[];
  /** Best and worst possible score per skill over all paths to an ending (exact). */
  best: SkillVector;
  worst: SkillVector;
  /** A path that scores 100 on every skill, if any. */
  perfectPath: { choices: Choice[]; outcome: Outcome } | null;
  /** Resolved paths: the lowest overall that can be proved (a lower bound) and the weakest path found. */
  resolved: { lowerBound: number; weakest: { scores: Scores; choices: Choice[] } } | null;
}

/** A route is the list of edges it takes from the start. */
type Route = number[];

/** The graph with what every pass shares: a walk order where each forward edge leads to a state earlier in `order`. */
interface Walk extends StateGraph {
  order: Int32Array;
  /** Per edge: 1 when it closes a loop (returns to a state already on the way); loops are left out of paths. */
  loop: Uint8Array;
  /** Per state: 1 for an ending. */
  ending: Uint8Array;
}

/**
 * Path analysis over the state graph. Per-skill bounds are exact: each is the best (or worst)
 * ratio of earned to possible over all paths, found with Dinkelbach's method (a few longest-path
 * passes over the graph). "Resolved but badly handled" mixes four ratios, so it is bounded from
 * below by the sum of per-skill minima and illustrated with the weakest resolved path found.
 */
export function analysePaths(scenario: Scenario): PathAnalysis {
  const walk = withWalkOrder(buildStateGraph(scenario));
  const { states, ending: isEnding } = walk;
  const isResolved = new Uint8Array(states.map((state) => Number(state.outcome === 'resolved')));

  const bound = (skill: number, direction: 1 | -1) => ratioBound(walk, skill, direction, isEnding).value;
  const perfect = perfectRoute(walk);
  return {
    states: states.length,
    paths: countPaths(walk),
    endings: new Set(states.filter((state) => state.outcome !== null).map((state) => state.node)),
    outcomes: new Set(states.flatMap((state) => (state.outcome ? [state.outcome] : []))),
    offeredReplies: walk.offered,
    stuck: stuckNodes(walk, reachesEnding(walk)),
    // Earned never exceeds possible, so a perfect path proves the best of every skill is 100.
    best: skillVector((skill) => (perfect ? 100 : bound(skill, 1))),
    worst: skillVector((skill) => bound(skill, -1)),
    perfectPath: perfect ? { choices: choicesOf(walk, perfect), outcome: states[endOf(walk, perfect)]?.outcome as Outcome } : null,
    resolved: isResolved.includes(1) ? weakestResolved(walk, isResolved) : null,
  };
}

const skillVector = (value: (skill: number) => number): SkillVector => ({ calm: value(0), notPersonal: value(1), empathy: value(2), concreteFix: value(3) });
const choicesOf = (graph: StateGraph, route: Route) => route.map((edge) => graph.choices[edge] as Choice);
const endOf = (graph: StateGraph, route: Route) => (route.length > 0 ? (graph.to[route[route.length - 1] as number] as number) : 0);
/** The moves out of a state, as a range of edge numbers. */
const edgesOf = ({ firstEdge }: StateGraph, state: number): [number, number] => [firstEdge[state] as number, firstEdge[state + 1] as number];

/** Depth-first from the start: states in post-order, and the edges that close loops. */
function withWalkOrder(graph: StateGraph): Walk {
  const mark = new Uint8Array(graph.states.length); // 0 new, 1 on the walk, 2 done
  const loop = new Uint8Array(graph.to.length);
  const order: number[] = [];
  const stack = [0];
  const nextEdge = [edgesOf(graph, 0)[0]];
  mark[0] = 1;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const at = stack[top] as number;
    const edge = nextEdge[top] as number;
    if (edge === edgesOf(graph, at)[1]) {
      mark[at] = 2;
      order.push(at);
      stack.pop();
      nextEdge.pop();
      continue;
    }
    nextEdge[top] = edge + 1;
    const target = graph.to[edge] as number;
    if (mark[target] === 1) loop[edge] = 1;
    else if (mark[target] === 0) {
      mark[target] = 1;
      stack.push(target);
      nextEdge.push(edgesOf(graph, target)[0]);
    }
  }
  return { ...graph, order: new Int32Array(order), loop, ending: new Uint8Array(graph.states.map((state) => Number(state.outcome !== null))) };
}

function reachesEnding(graph: StateGraph): Uint8Array {
  const { states, to } = graph;
  const incoming = states.map((): number[] => []);
  states.forEach((_, from) => {
    const [first, end] = edgesOf(graph, from);
    for (let edge = first; edge < end; edge++) incoming[to[edge] as number]?.push(from);
  });
  const can = new Uint8Array(states.map((state) => Number(state.outcome !== null)));
  const queue = [...can.keys()].filter((i) => can[i] === 1);
  while (queue.length > 0) {
    for (const from of incoming[queue.pop() as number] ?? []) {
      if (can[from] === 0) {
        can[from] = 1;
        queue.push(from);
      }
    }
  }
  return can;
}

/** One shortest path from the start to each node where a reachable state cannot reach any ending. */
function stuckNodes(graph: StateGraph, canEnd: Uint8Array): { node: string; choices: Choice[] }[] {
  const { states, to } = graph;
  const via = new Int32Array(states.length).fill(-1);
  const parent = new Int32Array(states.length);
  const queue = [0];
  const found = new Map<string, Choice[]>();
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head] as number;
    const node = states[at]?.node ?? '';
    if (canEnd[at] === 0 && !found.has(node)) {
      const route: Route = [];
      for (let walk = at; walk > 0; walk = parent[walk] as number) route.unshift(via[walk] as number);
      found.set(node, choicesOf(graph, route));
    }
    const [first, end] = edgesOf(graph, at);
    for (let edge = first; edge < end; edge++) {
      const target = to[edge] as number;
      if (target === 0 || via[target] !== -1) continue;
      via[target] = edge;
      parent[target] = at;
      queue.push(target);
    }
  }
  return [...found].map(([node, choices]) => ({ node, choices }));
}

function countPaths(walk: Walk): number {
  const { states, to, order, loop, ending } = walk;
  const count = new Float64Array(states.length);
  for (const at of order) {
    let paths = ending[at] as number;
    const [first, end] = edgesOf(walk, at);
    for (let edge = first; edge < end; edge++) if (loop[edge] === 0) paths += count[to[edge] as number] as number;
    count[at] = paths;
  }
  return Math.min(Number.MAX_SAFE_INTEGER, count[0] ?? 0);
}

/** The best route from the start to a target ending by the sum of `weight` per edge, over forward edges. */
function bestRoute(walk: Walk, target: Uint8Array, weight: Float64Array): Route | null {
  const { states, firstEdge, to, order, loop, ending } = walk;
  const value = new Float64Array(states.length).fill(-Infinity);
  const choice = new Int32Array(states.length).fill(-1);
  for (const at of order) {
    if (ending[at] === 1) {
      value[at] = target[at] === 1 ? 0 : -Infinity;
      continue;
    }
    // The hottest loop of the lint: plain indexing, no helpers.
    for (let edge = firstEdge[at] as number, end = firstEdge[at + 1] as number; edge < end; edge++) {
      if (loop[edge] === 1) continue;
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

const only = (skill: number, value: number) => SKILLS.map((_, i) => (i === skill ? value : 0));
const sumOf = (amounts: Float64Array | undefined, route: Route) => route.reduce((sum, edge) => sum + (amounts?.[edge] ?? 0), 0);
const ratio = (graph: StateGraph, route: Route, skill: number) => {
  const possible = sumOf(graph.possible[skill], route);
  return possible === 0 ? 1 : sumOf(graph.earned[skill], route) / possible;
};

/** Dinkelbach: the largest (direction 1) or smallest (-1) earned/possible ratio of one skill over all routes to a target. */
function ratioBound(walk: Walk, skill: number, direction: 1 | -1, target: Uint8Array): { value: number; route: Route | null } {
  // Any start converges; from 0, a skill whose worst route earns nothing is settled in one pass.
  let lambda = 0;
  let route: Route | null = null;
  for (let iteration = 0; iteration < 60; iteration++) {
    // Ties go to the route with more at stake, so routes where nothing could be earned do not hide real ones.
    const found = bestRoute(walk, target, linearWeights(walk.earned, walk.possible, only(skill, direction), only(skill, 1e-9 - direction * lambda)));
    if (!found) break;
    route = found;
    const next = ratio(walk, found, skill);
    if (Math.abs(next - lambda) < 1e-12) break;
    lambda = next;
  }
  return { value: route ? Math.round(100 * ratio(walk, route, skill)) : 100, route };
}

function perfectRoute(walk: Walk): Route | null {
  // Every skill's shortfall (possible minus earned) counts against the route; a flawless route loses nothing.
  const shortfall = linearWeights(walk.earned, walk.possible, SKILLS.map(() => 1), SKILLS.map(() => -1));
  const route = bestRoute(walk, walk.ending, shortfall);
  return route && route.every((edge) => shortfall[edge] === 0) ? route : null;
}

function scoresOf(graph: StateGraph, route: Route): Scores {
  const skills = skillVector((skill) => Math.round(100 * ratio(graph, route, skill)));
  return { ...skills, overall: Math.round(SKILLS.reduce((sum, skill) => sum + skills[skill], 0) / SKILLS.length) };
}

/** A proven floor for the overall score of resolved paths, and the weakest resolved path found. */
function weakestResolved(walk: Walk, isResolved: Uint8Array): NonNullable<PathAnalysis['resolved']> {
  const minima = SKILLS.map((_, skill) => ratioBound(walk, skill, -1, isResolved));
  const candidates = minima.flatMap((minimum) => (minimum.route ? [minimum.route] : []));
  // Then push all four skills down at once, each edge's amounts scaled to its stake and each skill
  // weighted by the ratio its last route reached.
  const perStake = (amounts: Float64Array[]) =>
    amounts.map((perSkill, skill) => {
      const [scaled, stake] = [new Float64Array(perSkill.length), walk.possible[skill] as Float64Array];
      for (let edge = 0; edge < scaled.length; edge++) scaled[edge] = (perSkill[edge] as number) / Math.max(1, stake[edge] as number);
      return scaled;
    });
  const [earned, possible] = [perStake(walk.earned), perStake(walk.possible)];
  let weights = SKILLS.map((_, skill) => (minima[skill]?.value ?? 100) / 100);
  for (let iteration = 0; iteration < 20; iteration++) {
    const route = bestRoute(
      walk,
      isResolved,
      linearWeights(
        earned,
        possible,
        SKILLS.map(() => -1),
        weights,
      ),
    );
    if (!route) break;
    candidates.push(route);
    const next = SKILLS.map((_, skill) => ratio(walk, route, skill));
    if (next.every((share, skill) => share === weights[skill])) break;
    weights = next;
  }
  const scored = candidates.map((route) => ({ scores: scoresOf(walk, route), choices: choicesOf(walk, route) }));
  const weakest = scored.reduce((low, candidate) => (candidate.scores.overall < low.scores.overall ? candidate : low));
  const lowerBound = Math.round(minima.reduce((sum, minimum) => sum + minimum.value, 0) / SKILLS.length);
  return { lowerBound, weakest };
}
