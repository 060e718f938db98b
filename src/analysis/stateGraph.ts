import { applyChoice, availableOptions, initialState, judgeBreath, legalChoices, type Choice, type ConversationState, type ReplyOption } from '../engine/rules.ts';
import { SKILLS, type Outcome } from '../rubric.ts';
import type { Condition, Reply, Scenario } from '../scenario/schema.ts';
import { expertMove, reviewDecision } from '../scoring/score.ts';
import { conditionsAt, liveReplies } from './liveReplies.ts';

/** Columns of `earned` and `possible`: one per skill in SKILLS order, then overall (the four together, against the expert's move). */
export const OVERALL = SKILLS.length;
export const COLUMNS = SKILLS.length + 1;

export interface StateNode {
  node: string;
  mood: number;
  composure: number;
  outcome: Outcome | null;
}

/**
 * Every distinct conversation state a scenario can reach, as a graph in flat arrays (the lint
 * walks it dozens of times, so it is kept compact). State 0 is the start; the moves out of state
 * `s` are the edges `firstEdge[s]` up to `firstEdge[s + 1]`.
 */
export interface StateGraph {
  states: StateNode[];
  firstEdge: Int32Array;
  /** Per edge: the state it leads to, and the move. */
  to: Int32Array;
  choices: Choice[];
  /** Per column (each skill in SKILLS order, then OVERALL), per edge: chosen minus worst (for overall, of the four skills' totals). */
  earned: Float64Array[];
  /** Per column, per edge: best minus worst (for overall, the expert's total minus the worst). Moves only: what an early ending skips is added in unreached.ts. */
  possible: Float64Array[];
  /** Per state: the edge of the expert's move (`expertMove` in scoring), or -1 at an ending or where the expert has none. */
  expertEdge: Int32Array;
  /** Replies on offer in at least one state, `node.reply`. */
  offered: Set<string>;
  /** Every distinct set of replies offered together at a node (locked ones included): the expert is the highest total of one of them. */
  offeredTogether: { node: string; replies: readonly Reply[] }[];
}

/** Mood and composure are whole percentages, so each takes one of this many values in the merge key. */
const PERCENT_VALUES = 101;
const isPercent = (value: number) => Number.isInteger(value) && value >= 0 && value < PERCENT_VALUES;

/**
 * What each condition field reads. Merging states on (node, mood, composure, breath taken, named
 * replies) is exact only while conditions read nothing else (not elapsedSeconds, not the order of
 * replies): a new field fails to compile here until the merge key covers what it reads.
 */
const CONDITION_READS: Record<keyof Condition, 'mood' | 'composure' | 'said'> = {
  moodAtLeast: 'mood',
  moodBelow: 'mood',
  composureAtLeast: 'composure',
  composureBelow: 'composure',
  said: 'said',
  notSaid: 'said',
};

/**
 * States that agree on all the rules read about the future (node, mood, composure, breath taken,
 * and the replies that conditions ask about) have the same futures, so the graph stays at a
 * few thousand states even when paths number in the hundreds of millions.
 */
export function buildStateGraph(scenario: Scenario): StateGraph {
  const remembered = rememberedReplies(scenario);
  const saidSets = internedSets([...remembered.values()].reduce((count, replies) => count + replies.size, 0));
  const nodeNumber = new Map(Object.keys(scenario.nodes).map((id, i) => [id, i]));
  const live = liveReplies(scenario, remembered);
  // Said-set → (node, mood, composure, breath) packed in one number → state.
  const index = new Map<number, Map<number, number>>();
  const states: StateNode[] = [];
  // States still to expand; each is dropped once expanded, so memory holds only the frontier.
  const pending: (ConversationState | undefined)[] = [];
  const saidOf: number[] = [];
  const indexOf = (state: ConversationState, saidSoFar: number): number => {
    if (!isPercent(state.mood) || !isPercent(state.composure)) {
      throw new Error(`state graph of "${scenario.id}": mood ${state.mood} and composure ${state.composure} at "${state.node}" must be whole numbers 0–100 for states to be merged`);
    }
    const node = nodeNumber.get(state.node) ?? 0;
    const said = saidSets.keeping(saidSoFar, node, live.get(state.node));
    const packed = ((node * PERCENT_VALUES + state.mood) * PERCENT_VALUES + state.composure) * 2 + Number(state.breathTakenHere);
    let bySaid = index.get(said);
    if (bySaid === undefined) index.set(said, (bySaid = new Map()));
    let found = bySaid.get(packed);
    if (found === undefined) {
      found = states.length;
      bySaid.set(packed, found);
      states.push({ node: state.node, mood: state.mood, composure: state.composure, outcome: state.outcome });
      pending.push(state);
      saidOf.push(said);
    }
    return found;
  };

  const firstEdge: number[] = [];
  const expertEdge: number[] = [];
  const to: number[] = [];
  const reviews: MoveReview[] = [];
  const moves = moveTables(scenario);
  indexOf(initialState(scenario), 0);
  for (let next = 0; next < pending.length; next++) {
    firstEdge.push(to.length);
    const state = pending[next] as ConversationState;
    pending[next] = undefined;
    const expert = expertMove(scenario, state);
    expertEdge.push(-1);
    if (state.outcome !== null) continue;
    const table = moves.of(state);
    for (const choice of legalChoices(scenario, state)) {
      const step = applyChoice(scenario, state, choice, 0);
      if (!step.ok) continue;
      const ref = choice.kind === 'reply' ? remembered.get(state.node)?.get(choice.reply) : undefined;
      const said = saidOf[next] ?? 0;
      // Only history the rules read is kept, so copies stay short.
      to.push(ref === undefined ? indexOf(withHistory(step.state, state.decisions), said) : indexOf(step.state, saidSets.adding(said, ref)));
      if (expert !== null && sameChoice(choice, expert)) expertEdge[next] = reviews.length;
      reviews.push(table.review(state, choice));
    }
    // The expert only makes moves the rules allow, so one of the edges is theirs.
    if (expert !== null && expertEdge[next] === -1) throw new Error(`state graph of "${scenario.id}": the expert's move at "${state.node}" is not among the legal moves`);
  }
  firstEdge.push(to.length);
  // A column each, so each pass over the graph reads one contiguous array.
  const [earned, possible] = [Array.from({ length: COLUMNS }, () => new Float64Array(reviews.length)), Array.from({ length: COLUMNS }, () => new Float64Array(reviews.length))];
  reviews.forEach((review, edge) => {
    for (let column = 0; column < COLUMNS; column++) {
      (earned[column] as Float64Array)[edge] = review.earned[column] ?? 0;
      (possible[column] as Float64Array)[edge] = review.possible[column] ?? 0;
    }
  });
  return {
    states,
    firstEdge: new Int32Array(firstEdge),
    to: new Int32Array(to),
    choices: reviews.map((review) => review.choice),
    earned,
    possible,
    expertEdge: new Int32Array(expertEdge),
    offered: moves.offered,
    offeredTogether: moves.offeredTogether,
  };
}

const sameChoice = (a: Choice, b: Choice) => a.kind === b.kind && (a.kind !== 'reply' || (b.kind === 'reply' && a.reply === b.reply));

/** One move (a single shared object per table, so the graph holds few) and, per column (skills in SKILLS order, then overall), what it earned and could have earned. */
interface MoveReview {
  choice: Choice;
  earned: number[];
  possible: number[];
}

/**
 * Moves are scored by scoring's own review, which reads only the node, the replies on offer and
 * (for a pause) whether composure is low, so thousands of states share a few tables.
 */
function moveTables(scenario: Scenario) {
  const tables = new Map<string, { review: (state: ConversationState, choice: Choice) => MoveReview }>();
  const offered = new Set<string>();
  const offeredTogether: { node: string; replies: readonly Reply[] }[] = [];
  const conditional = new Set(Object.keys(scenario.nodes).filter((id) => scenario.nodes[id]?.replies?.some((reply) => reply.when !== undefined)));
  const reviewed = (state: ConversationState, choice: Choice): MoveReview => {
    const review = reviewDecision(scenario, state, choice, 0);
    return {
      choice,
      earned: [...SKILLS.map((skill) => (review ? review.skills[skill] - review.worst[skill] : 0)), review ? review.totals.chosen - review.totals.worst : 0],
      possible: [...SKILLS.map((skill) => (review ? review.best[skill] - review.worst[skill] : 0)), review ? review.totals.expert - review.totals.worst : 0],
    };
  };
  const build = (first: ConversationState, options: readonly ReplyOption[]) => {
    for (const option of options) offered.add(`${first.node}.${option.reply.id}`);
    offeredTogether.push({ node: first.node, replies: options.map((option) => option.reply) });
    const replies = new Map(options.map(({ reply }) => [reply.id, reviewed(first, { kind: 'reply', reply: reply.id })]));
    const silence = reviewed(first, { kind: 'silence' });
    const pause = new Map<boolean, MoveReview>();
    return {
      review(state: ConversationState, choice: Choice): MoveReview {
        if (choice.kind === 'reply') return replies.get(choice.reply) ?? reviewed(state, choice);
        if (choice.kind === 'silence') return silence;
        const wellTimed = judgeBreath(scenario, state.composure).wellTimed;
        if (!pause.has(wellTimed)) pause.set(wellTimed, reviewed(state, choice));
        return pause.get(wellTimed) as MoveReview;
      },
    };
  };
  return {
    offered,
    offeredTogether,
    of(state: ConversationState) {
      const options = availableOptions(scenario, state);
      // Most nodes offer every reply every time; only conditional replies make the set vary.
      const key = conditional.has(state.node) ? `${state.node} ${options.map((option) => option.reply.id).join()}` : state.node;
      let table = tables.get(key);
      if (!table) tables.set(key, (table = build(state, options)));
      return table;
    },
  };
}

/** The same state with another (shorter) history; every field spelled out, as in the rules, for speed. */
function withHistory(state: ConversationState, decisions: ConversationState['decisions']): ConversationState {
  return {
    scenario: state.scenario,
    scenarioVersion: state.scenarioVersion,
    seed: state.seed,
    node: state.node,
    mood: state.mood,
    composure: state.composure,
    elapsedSeconds: state.elapsedSeconds,
    breathTakenHere: state.breathTakenHere,
    enteredAt: state.enteredAt,
    decisions,
    outcome: state.outcome,
  };
}

/** Every condition in a scenario: variants' `if`, replies' `when` and routes' `if`. */
function conditionsOf(scenario: Scenario): Condition[] {
  return Object.keys(scenario.nodes).flatMap((nodeId) => conditionsAt(scenario, nodeId));
}

/** Replies (`node.reply`) named in any `said`/`notSaid` condition: the only history the rules ever read. */
export function namedReplies(scenario: Scenario): Set<string> {
  const conditions = conditionsOf(scenario);
  // The schema allows no other fields; this guards scenarios built by hand.
  const unread = conditions.flatMap((condition) => Object.keys(condition)).find((field) => !(field in CONDITION_READS));
  if (unread !== undefined) throw new Error(`state graph of "${scenario.id}": conditions on "${unread}" are not part of the merge key`);
  return new Set(conditions.flatMap((condition) => [...(condition.said ?? []), ...(condition.notSaid ?? [])]));
}

/** Node → reply → a number, for the named replies. */
function rememberedReplies(scenario: Scenario): Map<string, Map<string, number>> {
  const numbers = new Map<string, Map<string, number>>();
  [...namedReplies(scenario)].forEach((ref, i) => {
    const [node = '', reply = ''] = ref.split('.');
    numbers.set(node, (numbers.get(node) ?? new Map<string, number>()).set(reply, i));
  });
  return numbers;
}

/** Sets of remembered replies as small numbers (0 is the empty set), however many replies there are. */
function internedSets(replyCount: number) {
  const members: number[][] = [[]];
  const byMembers = new Map<string, number>([['', 0]]);
  const adding = new Map<number, number>();
  const kept = new Map<string, number>();
  const intern = (sorted: number[]) => {
    const key = sorted.join();
    let result = byMembers.get(key);
    if (result === undefined) {
      result = members.length;
      members.push(sorted);
      byMembers.set(key, result);
    }
    return result;
  };
  return {
    /** The set without the replies no condition from `node` on can read. */
    keeping(set: number, node: number, live: ReadonlySet<number> | undefined): number {
      if (set === 0) return 0;
      const step = `${set} ${node}`;
      let result = kept.get(step);
      if (result === undefined) kept.set(step, (result = intern((members[set] ?? []).filter((ref) => live?.has(ref)))));
      return result;
    },
    adding(set: number, ref: number): number {
      const step = set * replyCount + ref;
      let result = adding.get(step);
      if (result === undefined) {
        result = intern([...new Set([...(members[set] ?? []), ref])].sort((a, b) => a - b));
        adding.set(step, result);
      }
      return result;
    },
  };
}
