import type { Choice } from '../engine/rules.ts';
import { OUTCOMES, type Outcome, type SkillVector } from '../rubric.ts';
import { replyTargets, type Scenario } from '../scenario/schema.ts';
import { ANY_ENDING, choicesOf, expertRoute, outcomeBit, ratioBound, scoredPath, skillVector, perfectOutcomes, type OrderedGraph, type Route, type ScoredPath, type Scores } from './bounds.ts';
import { stronglyConnected } from './components.ts';
import { mostlyGoodOdds, type OutcomeOdds } from './mostlyGood.ts';
import { buildStateGraph, OVERALL, type StateGraph } from './stateGraph.ts';
import { unreachedDecisions } from './unreached.ts';

export type { ScoredPath, Scores };

/** What the rules can reach, which holds whether or not the conversation can go round in a loop. */
interface Reach {
  /** Distinct conversation states the rules can reach. */
  states: number;
  endings: Set<string>;
  outcomes: Set<Outcome>;
  /** Replies (`node.reply`) offered on at least one path. */
  offeredReplies: Set<string>;
  /** Each distinct set of replies offered together at a node, locked ones included. */
  offeredTogether: StateGraph['offeredTogether'];
  /** Nodes where some reachable state has no way to any ending, with a path that gets stuck there. */
  stuck: { node: string; choices: Choice[] }[];
}

/** A conversation that always ends: its paths counted and its score bounds worked out exactly. */
export interface PathAnalysis extends Reach {
  kind: 'counted';
  /** Paths from the start to an ending. */
  paths: number;
  /** Best and worst possible score per skill over all paths to an ending (exact, unreached decisions counted). */
  best: SkillVector;
  worst: SkillVector;
  /** Best and worst possible overall score over all paths to an ending (exact). */
  overall: { best: number; worst: number };
  /** Per outcome some path ends in: the path with the best and the one with the worst overall score (exact). */
  byOutcome: Partial<Record<Outcome, { best: ScoredPath; worst: ScoredPath }>>;
  /** The expert's path (their move at every decision; 100 overall), or null if it gets stuck. */
  expertPath: ScoredPath | null;
  /** Resolved paths: the lowest overall score of any (exact, the floor the lint holds), with a path that has it. */
  resolved: { lowerBound: number; weakest: ScoredPath } | null;
  /** The best overall score of a path that ends with the customer lost or a public complaint, with that path. */
  lostOrPublic: ScoredPath | null;
  /**
   * Escalations (replies every route of which ends other than "resolved") that do not teach the
   * hand-over (P4) and are the expert's own move in some state, so they leave nothing unreached
   * there: an escalation that scores like playing the conversation through.
   */
  earlyExits: { node: string; choice: Choice; outcome: Outcome; choices: Choice[] }[];
  /** How a mostly-good trainee's conversations end, exactly (mostlyGood.ts): the measure behind the difficulty label. */
  mostlyGood: OutcomeOdds;
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
 * exists because the graph has no cycle). Overall is a ratio of its own (the four skills' totals
 * against the expert's), bounded the same way over all paths and per outcome. Every edge into an
 * ending that cuts the conversation short also counts the expert's unreached decisions as possible
 * (unreached.ts), so each path's sums are exactly the ones `scoreChoices` divides.
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
    offeredTogether: graph.offeredTogether,
    stuck: stuckNodes(graph, reachesEnding(graph), tree),
  };
  if (cyclic.length > 0) return { kind: 'endless', ...reach, cycles: loopsOf(graph, cyclic, tree) };

  const outcome = new Uint8Array(states.map((state) => (state.outcome === null ? 0 : outcomeBit(state.outcome))));
  const raw = { ...graph, order, ending: new Uint8Array(states.map((state) => Number(state.outcome !== null))), outcome };
  const unreached = unreachedDecisions(scenario, raw);
  const ordered: OrderedGraph = { ...raw, possible: unreached.possible };
  const perfect = perfectOutcomes(ordered);
  const bound = (column: number, direction: 1 | -1, targets: number) => ratioBound(ordered, column, direction, targets, perfect);
  const pathOf = (route: Route | null) => (route ? scoredPath(ordered, route) : null);

  const byOutcome: PathAnalysis['byOutcome'] = {};
  for (const kind of OUTCOMES) {
    if (!reach.outcomes.has(kind)) continue;
    const [best, worst] = [pathOf(bound(OVERALL, 1, outcomeBit(kind)).route), pathOf(bound(OVERALL, -1, outcomeBit(kind)).route)];
    if (best && worst) byOutcome[kind] = { best, worst };
  }
  const kinds = Object.values(byOutcome);
  const lostOrPublic = [byOutcome.customerLost?.best, byOutcome.publicComplaint?.best].reduce<ScoredPath | null>(
    (top, path) => (path && (!top || path.scores.overall > top.scores.overall) ? path : top),
    null,
  );
  const expert = expertRoute(ordered);
  return {
    kind: 'counted',
    ...reach,
    paths: countPaths(ordered),
    // A route that earns everything at stake on a skill settles its best at 100 without a search.
    best: skillVector((column) => ((perfect[column] ?? 0) & ANY_ENDING ? 100 : bound(column, 1, ANY_ENDING).value)),
    worst: skillVector((column) => bound(column, -1, ANY_ENDING).value),
    // No ending reached at all (every path stuck) scores like a skill never at stake.
    overall: kinds.length === 0 ? { best: 100, worst: 100 } : { best: Math.max(...kinds.map((kind) => kind.best.scores.overall)), worst: Math.min(...kinds.map((kind) => kind.worst.scores.overall)) },
    byOutcome,
    expertPath: expert.ends ? scoredPath(ordered, expert.route) : null,
    resolved: byOutcome.resolved ? { lowerBound: byOutcome.resolved.worst.scores.overall, weakest: byOutcome.resolved.worst } : null,
    lostOrPublic,
    earlyExits: earlyExits(scenario, ordered, unreached, tree),
    mostlyGood: mostlyGoodOdds(graph, order),
  };
}

/**
 * An escalation: a reply that ends the conversation short whatever the mood, every route of it
 * leading to an ending other than "resolved". Where a reply ends the conversation only as the
 * customer's answer to the mood (a closing reply that resolves a calm customer and loses an angry
 * one, or the breaking point), the ending is what earlier decisions led to, and they paid for it.
 */
function escalates(scenario: Scenario, node: string, choice: Choice): boolean {
  if (choice.kind !== 'reply') return false;
  const reply = scenario.nodes[node]?.replies?.find((candidate) => candidate.id === choice.reply);
  return reply !== undefined && replyTargets(reply).every((target) => scenario.nodes[target]?.ending !== undefined && scenario.nodes[target]?.ending !== 'resolved');
}

/** The expert's own moves that are escalations, with nothing after them unreached: one per node, move and outcome. */
function earlyExits(scenario: Scenario, graph: OrderedGraph, unreached: ReturnType<typeof unreachedDecisions>, tree: RouteTree): PathAnalysis['earlyExits'] {
  const found = new Map<string, PathAnalysis['earlyExits'][number]>();
  const skipped = unreached.afterExpert[OVERALL] as Float64Array;
  for (const at of tree.byDistance) {
    const edge = graph.expertEdge[at] as number;
    if (edge < 0 || unreached.cutShort[edge] !== 1 || (skipped[at] as number) > 0) continue;
    const node = graph.states[at]?.node ?? '';
    const choice = graph.choices[edge] as Choice;
    const ending = graph.states[graph.to[edge] as number];
    if (!ending || !escalates(scenario, node, choice)) continue;
    const outcome = ending.outcome as Outcome;
    const key = `${node} ${choice.kind === 'reply' ? choice.reply : choice.kind} ${outcome}`;
    if (!found.has(key)) found.set(key, { node, choice, outcome, choices: choicesOf(graph, [...routeTo(tree, at), edge]) });
  }
  return [...found.values()];
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
