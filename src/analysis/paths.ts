import type { Choice } from '../engine/rules.ts';
import type { Outcome, SkillVector } from '../rubric.ts';
import type { Scenario } from '../scenario/schema.ts';
import { choicesOf, endOf, perfectRoute, ratioBound, skillVector, weakestResolved, type OrderedGraph, type Route, type Scores } from './bounds.ts';
import { stronglyConnected } from './components.ts';
import { buildStateGraph, type StateGraph } from './stateGraph.ts';

export type { Scores };

/** What the rules can reach, which holds whether or not the conversation can go round in a loop. */
interface Reach {
  /** Distinct conversation states the rules can reach. */
  states: number;
  endings: Set<string>;
  outcomes: Set<Outcome>;
  /** Replies (`node.reply`) offered on at least one path. */
  offeredReplies: Set<string>;
  /** Nodes where some reachable state has no way to any ending, with a path that gets stuck there. */
  stuck: { node: string; choices: Choice[] }[];
}

/** A conversation that always ends: its paths counted and its score bounds worked out exactly. */
export interface PathAnalysis extends Reach {
  kind: 'counted';
  /** Paths from the start to an ending. */
  paths: number;
  /** Best and worst possible score per skill over all paths to an ending (exact). */
  best: SkillVector;
  worst: SkillVector;
  /** A path that scores 100 on every skill, if any. */
  perfectPath: { choices: Choice[]; outcome: Outcome } | null;
  /** Resolved paths: the lowest overall that can be proved (a lower bound) and the weakest path found. */
  resolved: { lowerBound: number; weakest: { scores: Scores; choices: Choice[] } } | null;
}

/** A way the conversation comes back to a state it was in: a trainee could go round it forever. */
export interface StateCycle {
  /** Moves from the start to the state where the loop begins. */
  approach: Choice[];
  /** Once round the loop, back to where it began: each move and the node it is made at. */
  moves: { node: string; choice: Choice }[];
  /** The state the loop keeps coming back to. */
  mood: number;
  composure: number;
}

/**
 * A conversation with a loop of states: it need never end, so it has no finite set of paths to
 * count or bound (counting simple paths through a cycle is intractable, and leaving out the moves
 * that close it would silently lose paths that use them without repeating a state).
 */
export interface EndlessAnalysis extends Reach {
  kind: 'endless';
  /** One loop per group of states that can go round together, distinct by the moves it takes. */
  cycles: StateCycle[];
}

export type ConversationAnalysis = PathAnalysis | EndlessAnalysis;

/**
 * Path analysis over the state graph. Per-skill bounds are exact: each is the best (or worst)
 * ratio of earned to possible over all paths, found with Dinkelbach's method (a few longest-path
 * passes over the graph, in an order where every move leads to a state already settled, which only
 * exists because the graph has no cycle). "Resolved but badly handled" mixes four ratios, so it is
 * bounded from below by the mean of per-skill minima and illustrated with the weakest resolved path found.
 */
export function analyseConversation(scenario: Scenario): ConversationAnalysis {
  const graph = buildStateGraph(scenario);
  const { states } = graph;
  const { order, cyclic } = stronglyConnected(graph);
  const tree = breadthFirst(graph);
  const reach: Reach = {
    states: states.length,
    endings: new Set(states.filter((state) => state.outcome !== null).map((state) => state.node)),
    outcomes: new Set(states.flatMap((state) => (state.outcome ? [state.outcome] : []))),
    offeredReplies: graph.offered,
    stuck: stuckNodes(graph, reachesEnding(graph), tree),
  };
  if (cyclic.length > 0) return { kind: 'endless', ...reach, cycles: loopsOf(graph, cyclic, tree) };

  const ordered: OrderedGraph = { ...graph, order, ending: new Uint8Array(states.map((state) => Number(state.outcome !== null))) };
  const isResolved = new Uint8Array(states.map((state) => Number(state.outcome === 'resolved')));
  const bound = (column: number, direction: 1 | -1) => ratioBound(ordered, column, direction, ordered.ending).value;
  const perfect = perfectRoute(ordered);
  return {
    kind: 'counted',
    ...reach,
    paths: countPaths(ordered),
    // Earned never exceeds possible, so a perfect path proves the best of every skill is 100.
    best: skillVector((column) => (perfect ? 100 : bound(column, 1))),
    worst: skillVector((column) => bound(column, -1)),
    perfectPath: perfect ? { choices: choicesOf(graph, perfect), outcome: states[endOf(graph, perfect)]?.outcome as Outcome } : null,
    resolved: isResolved.includes(1) ? weakestResolved(ordered, isResolved) : null,
  };
}

/** The analysis of a conversation that always ends; one that can go round forever is refused with where it loops. */
export function analysePaths(scenario: Scenario): PathAnalysis {
  const analysis = analyseConversation(scenario);
  if (analysis.kind === 'counted') return analysis;
  const loops = analysis.cycles.map((cycle) => [...cycle.moves.map((move) => move.node), cycle.moves[0]?.node].join(' → '));
  throw new Error(`"${scenario.id}" can go round forever (${loops.join('; ')}), so its paths cannot be counted; npm run lint:dialogues says how to fix it`);
}

/** The moves out of a state, as a range of edge numbers. */
const edgesOf = ({ firstEdge }: StateGraph, state: number): [number, number] => [firstEdge[state] as number, firstEdge[state + 1] as number];

/** Breadth-first from the start: states by distance, and per state the move that first reached it and where from. */
interface RouteTree {
  byDistance: number[];
  via: Int32Array;
  parent: Int32Array;
}

function breadthFirst(graph: StateGraph): RouteTree {
  const via = new Int32Array(graph.states.length).fill(-1);
  const parent = new Int32Array(graph.states.length);
  const byDistance = [0];
  for (let head = 0; head < byDistance.length; head++) {
    const at = byDistance[head] as number;
    const [first, end] = edgesOf(graph, at);
    for (let edge = first; edge < end; edge++) {
      const target = graph.to[edge] as number;
      if (target === 0 || via[target] !== -1) continue;
      via[target] = edge;
      parent[target] = at;
      byDistance.push(target);
    }
  }
  return { byDistance, via, parent };
}

/** A shortest route from the start to `state`. */
function routeTo({ via, parent }: RouteTree, state: number): Route {
  const route: Route = [];
  for (let at = state; at !== 0; at = parent[at] as number) route.unshift(via[at] as number);
  return route;
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
function stuckNodes(graph: StateGraph, canEnd: Uint8Array, tree: RouteTree): { node: string; choices: Choice[] }[] {
  const found = new Map<string, Choice[]>();
  for (const state of tree.byDistance) {
    const node = graph.states[state]?.node ?? '';
    if (canEnd[state] === 0 && !found.has(node)) found.set(node, choicesOf(graph, routeTo(tree, state)));
  }
  return [...found].map(([node, choices]) => ({ node, choices }));
}

/** One loop per group of states that can go round together, each shown from its state nearest the start; loops that differ only in mood are one. */
function loopsOf(graph: StateGraph, groups: number[][], tree: RouteTree): StateCycle[] {
  const group = new Int32Array(graph.states.length).fill(-1);
  groups.forEach((members, index) => members.forEach((member) => (group[member] = index)));
  const entries = new Map<number, number>();
  for (const state of tree.byDistance) if (group[state] !== -1 && !entries.has(group[state] as number)) entries.set(group[state] as number, state);
  const loops = new Map<string, StateCycle>();
  for (const entry of entries.values()) {
    const loop = describeCycle(graph, group, entry, tree);
    if (!loops.has(cycleSignature(loop))) loops.set(cycleSignature(loop), loop);
  }
  return [...loops.values()];
}

/** The shortest way round a loop from `entry` back to it, within its group of states (`group` per state). */
function describeCycle(graph: StateGraph, group: Int32Array, entry: number, tree: RouteTree): StateCycle {
  // Breadth-first inside the group until a move leads back to the entry; each step is a move and the state it is made in.
  type Step = { from: number; edge: number };
  const reachedBy = new Map<number, Step>();
  const queue = [entry];
  let closing: Step | undefined;
  for (let head = 0; head < queue.length && !closing; head++) {
    const from = queue[head] as number;
    const [first, end] = edgesOf(graph, from);
    for (let edge = first; edge < end && !closing; edge++) {
      const target = graph.to[edge] as number;
      if (target === entry) closing = { from, edge };
      else if (group[target] === group[entry] && !reachedBy.has(target)) {
        reachedBy.set(target, { from, edge });
        queue.push(target);
      }
    }
  }
  // Every state of the group is on a cycle through the entry, so the search always closes.
  const round = [closing as Step];
  while ((round[0] as Step).from !== entry) round.unshift(reachedBy.get((round[0] as Step).from) as Step);
  const { mood, composure } = graph.states[entry] as StateGraph['states'][number];
  return {
    approach: choicesOf(graph, routeTo(tree, entry)),
    moves: round.map(({ from, edge }) => ({ node: graph.states[from]?.node ?? '', choice: graph.choices[edge] as Choice })),
    mood,
    composure,
  };
}

/** Loops that take the same moves at the same nodes are one loop to an author, whatever the mood. */
const cycleSignature = (cycle: StateCycle) => cycle.moves.map(({ node, choice }) => `${node}:${choice.kind === 'reply' ? choice.reply : choice.kind}`).sort().join();

function countPaths(graph: OrderedGraph): number {
  const { states, to, order, ending } = graph;
  const count = new Float64Array(states.length);
  for (const at of order) {
    let paths = ending[at] as number;
    const [first, end] = edgesOf(graph, at);
    for (let edge = first; edge < end; edge++) paths += count[to[edge] as number] as number;
    count[at] = paths;
  }
  return Math.min(Number.MAX_SAFE_INTEGER, count[0] ?? 0);
}
