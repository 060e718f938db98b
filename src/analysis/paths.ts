import type { Choice } from '../engine/rules.ts';
import { SKILLS, type Outcome, type SkillVector } from '../rubric.ts';
import type { Scenario } from '../scenario/schema.ts';
import { buildStateGraph, type Edge, type StateNode } from './stateGraph.ts';

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

type Target = (state: StateNode) => boolean;
interface Route {
  edges: Edge[];
}

/**
 * Path analysis over the state graph. Per-skill bounds are exact: each is the best (or worst)
 * ratio of earned to possible over all paths, found with Dinkelbach's method (a few longest-path
 * passes over the graph). "Resolved but badly handled" mixes four ratios, so it is bounded from
 * below by the sum of per-skill minima and illustrated with the weakest resolved path found.
 */
export function analysePaths(scenario: Scenario): PathAnalysis {
  const graph = buildStateGraph(scenario);
  const order = topologicalOrder(graph);
  const canEnd = reachesEnding(graph);
  const isEnding: Target = (state) => state.outcome !== null;
  const isResolved: Target = (state) => state.outcome === 'resolved';

  const bound = (skill: number, direction: 1 | -1) => ratioBound(graph, order, skill, direction, isEnding);
  const best = skillVector((skill) => bound(skill, 1).value);
  const worst = skillVector((skill) => bound(skill, -1).value);
  const perfect = perfectRoute(graph, order);

  return {
    states: graph.length,
    paths: countPaths(graph, order),
    endings: new Set(graph.filter(isEnding).map((state) => state.node)),
    outcomes: new Set(graph.flatMap((state) => (state.outcome ? [state.outcome] : []))),
    offeredReplies: new Set(graph.flatMap((state) => state.offered)),
    stuck: stuckNodes(graph, canEnd),
    best,
    worst,
    perfectPath: perfect ? { choices: choicesOf(perfect), outcome: graph[endOf(perfect, graph)]?.outcome as Outcome } : null,
    resolved: graph.some(isResolved) ? weakestResolved(graph, order, isResolved) : null,
  };
}

const skillVector = (value: (skill: number) => number): SkillVector => ({ calm: value(0), notPersonal: value(1), empathy: value(2), concreteFix: value(3) });
const choicesOf = (route: Route) => route.edges.map((edge) => edge.choice);
const endOf = (route: Route, graph: StateNode[]) => route.edges.at(-1)?.to ?? (graph.length > 0 ? 0 : -1);

/** States in an order where every forward edge goes later; edges back into the current walk are loops and are left out. */
function topologicalOrder(graph: StateNode[]): { order: number[]; forward: (from: number, edge: Edge) => boolean } {
  const state = new Uint8Array(graph.length); // 0 new, 1 on the walk, 2 done
  const loops = new Set<Edge>();
  const order: number[] = [];
  const visit = (start: number) => {
    const stack: [number, number][] = [[start, 0]];
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number];
      const [at, next] = top;
      const edge = graph[at]?.edges[next];
      if (!edge) {
        state[at] = 2;
        order.push(at);
        stack.pop();
        continue;
      }
      top[1] = next + 1;
      if (state[edge.to] === 1) loops.add(edge);
      else if (state[edge.to] === 0) {
        state[edge.to] = 1;
        stack.push([edge.to, 0]);
      }
    }
  };
  visit(0);
  return { order, forward: (_from, edge) => loops.size === 0 || !loops.has(edge) };
}

function reachesEnding(graph: StateNode[]): boolean[] {
  const incoming = graph.map((): number[] => []);
  graph.forEach((state, from) => state.edges.forEach((edge) => incoming[edge.to]?.push(from)));
  const can = graph.map((state) => state.outcome !== null);
  const queue = can.flatMap((yes, i) => (yes ? [i] : []));
  while (queue.length > 0) {
    for (const from of incoming[queue.pop() as number] ?? []) {
      if (!can[from]) {
        can[from] = true;
        queue.push(from);
      }
    }
  }
  return can;
}

/** One shortest path from the start to each node where a reachable state cannot reach any ending. */
function stuckNodes(graph: StateNode[], canEnd: boolean[]): { node: string; choices: Choice[] }[] {
  const via: (Edge | null)[] = graph.map(() => null);
  const parent = new Int32Array(graph.length).fill(-1);
  const seen = new Uint8Array(graph.length);
  const queue = [0];
  seen[0] = 1;
  const found = new Map<string, Choice[]>();
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head] as number;
    if (!canEnd[at] && !found.has(graph[at]?.node ?? '')) {
      const choices: Choice[] = [];
      for (let walk = at; walk > 0; walk = parent[walk] ?? 0) choices.unshift((via[walk] as Edge).choice);
      found.set(graph[at]?.node ?? '', choices);
    }
    for (const edge of graph[at]?.edges ?? []) {
      if (seen[edge.to]) continue;
      seen[edge.to] = 1;
      parent[edge.to] = at;
      via[edge.to] = edge;
      queue.push(edge.to);
    }
  }
  return [...found].map(([node, choices]) => ({ node, choices }));
}

function countPaths(graph: StateNode[], { order, forward }: ReturnType<typeof topologicalOrder>): number {
  const count = new Float64Array(graph.length);
  for (const at of order) {
    const state = graph[at] as StateNode;
    count[at] = state.outcome !== null ? 1 : state.edges.reduce((sum, edge) => (forward(at, edge) ? sum + (count[edge.to] ?? 0) : sum), 0);
  }
  return Math.min(Number.MAX_SAFE_INTEGER, count[0] ?? 0);
}

/**
 * The best route from the start to a target ending by `score(edge)`, over forward edges
 * (order lists every state after all states its forward edges lead to).
 */
function bestRoute(graph: StateNode[], { order, forward }: ReturnType<typeof topologicalOrder>, target: Target, score: (edge: Edge) => number): Route | null {
  const value = new Float64Array(graph.length).fill(-Infinity);
  const choice: (Edge | null)[] = graph.map(() => null);
  for (const at of order) {
    const state = graph[at] as StateNode;
    if (state.outcome !== null) {
      value[at] = target(state) ? 0 : -Infinity;
      continue;
    }
    for (const edge of state.edges) {
      if (!forward(at, edge)) continue;
      const candidate = score(edge) + (value[edge.to] ?? -Infinity);
      if (candidate > (value[at] ?? -Infinity)) {
        value[at] = candidate;
        choice[at] = edge;
      }
    }
  }
  if (value[0] === -Infinity) return null;
  const edges: Edge[] = [];
  for (let at = 0, edge = choice[0]; edge; at = edge.to, edge = choice[at]) edges.push(edge);
  return { edges };
}

const sumOf = (route: Route, key: 'earned' | 'possible', skill: number) => route.edges.reduce((sum, edge) => sum + (edge[key][skill] ?? 0), 0);
const ratio = (route: Route, skill: number) => {
  const possible = sumOf(route, 'possible', skill);
  return possible === 0 ? 1 : sumOf(route, 'earned', skill) / possible;
};

/** Dinkelbach: the largest (direction 1) or smallest (-1) earned/possible ratio of one skill over all routes to a target. */
function ratioBound(graph: StateNode[], order: ReturnType<typeof topologicalOrder>, skill: number, direction: 1 | -1, target: Target): { value: number; route: Route | null } {
  let lambda = direction === 1 ? 0 : 1;
  let route: Route | null = null;
  for (let iteration = 0; iteration < 60; iteration++) {
    // Ties go to the route with more at stake, so routes where nothing could be earned do not hide real ones.
    const found = bestRoute(graph, order, target, (edge) => direction * ((edge.earned[skill] ?? 0) - lambda * (edge.possible[skill] ?? 0)) + 1e-9 * (edge.possible[skill] ?? 0));
    if (!found) break;
    route = found;
    const next = ratio(found, skill);
    if (Math.abs(next - lambda) < 1e-12) break;
    lambda = next;
  }
  return { value: route ? Math.round(100 * ratio(route, skill)) : 100, route };
}

function perfectRoute(graph: StateNode[], order: ReturnType<typeof topologicalOrder>): Route | null {
  const flawless = (edge: Edge) => edge.earned.every((earned, skill) => earned === edge.possible[skill]);
  const route = bestRoute(graph, order, (state) => state.outcome !== null, (edge) => (flawless(edge) ? 0 : -Infinity));
  return route && route.edges.every(flawless) ? route : null;
}

function scoresOf(route: Route): Scores {
  const skills = skillVector((skill) => Math.round(100 * ratio(route, skill)));
  return { ...skills, overall: Math.round(SKILLS.reduce((sum, skill) => sum + skills[skill], 0) / SKILLS.length) };
}

/** A proven floor for the overall score of resolved paths, and the weakest resolved path found. */
function weakestResolved(graph: StateNode[], order: ReturnType<typeof topologicalOrder>, isResolved: Target): NonNullable<PathAnalysis['resolved']> {
  const minima = SKILLS.map((_, skill) => ratioBound(graph, order, skill, -1, isResolved));
  const candidates = minima.flatMap((minimum) => (minimum.route ? [minimum.route] : []));
  // Then push all four skills down at once, each weighted by the ratio its last route reached.
  let weights = SKILLS.map((_, skill) => (minima[skill]?.value ?? 100) / 100);
  for (let iteration = 0; iteration < 20; iteration++) {
    const route = bestRoute(graph, order, isResolved, (edge) => -SKILLS.reduce((sum, _, skill) => sum + ((edge.earned[skill] ?? 0) - (weights[skill] ?? 0) * (edge.possible[skill] ?? 0)) / Math.max(1, edge.possible[skill] ?? 0), 0));
    if (!route) break;
    candidates.push(route);
    const next = SKILLS.map((_, skill) => ratio(route, skill));
    if (next.every((weight, skill) => weight === weights[skill])) break;
    weights = next;
  }
  const scored = candidates.map((route) => ({ scores: scoresOf(route), choices: choicesOf(route) }));
  const weakest = scored.reduce((low, candidate) => (candidate.scores.overall < low.scores.overall ? candidate : low));
  const lowerBound = Math.round(minima.reduce((sum, minimum) => sum + minimum.value, 0) / SKILLS.length);
  return { lowerBound, weakest };
}
