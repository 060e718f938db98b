import { applyChoice, availableOptions, initialState, judgeBreath, legalChoices, type Choice, type ConversationState, type ReplyOption } from '../engine/rules.ts';
import { SKILLS, type Outcome } from '../rubric.ts';
import type { Condition, Scenario } from '../scenario/schema.ts';
import { reviewDecision, type DecisionReview } from '../scoring/score.ts';

export interface StateNode {
  node: string;
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
  /** Per skill (SKILLS order), per edge: chosen minus worst. */
  earned: Float64Array[];
  /** Per skill, per edge: best minus worst. */
  possible: Float64Array[];
  /** Replies on offer in at least one state, `node.reply`. */
  offered: Set<string>;
}

/**
 * States that agree on all the rules can read (node, mood, composure, breath taken, a silence just
 * now, and the replies that conditions ask about) have the same futures, so the graph stays at a
 * few thousand states even when paths number in the hundreds of millions.
 */
export function buildStateGraph(scenario: Scenario): StateGraph {
  const bits = rememberedBits(scenario);
  const nodeNumber = new Map(Object.keys(scenario.nodes).map((id, i) => [id, i]));
  // Said-mask → (node, mood, composure, breath, silence) packed in one number → state.
  const index = new Map<number, Map<number, number>>();
  const states: StateNode[] = [];
  const pending: ConversationState[] = [];
  const saidOf: number[] = [];
  const indexOf = (state: ConversationState, said: number, silent: boolean): number => {
    const packed = ((((nodeNumber.get(state.node) ?? 0) * 101 + state.mood) * 101 + state.composure) * 2 + Number(state.breathTakenHere)) * 2 + Number(silent);
    let bySaid = index.get(said);
    if (bySaid === undefined) index.set(said, (bySaid = new Map()));
    let found = bySaid.get(packed);
    if (found === undefined) {
      found = states.length;
      bySaid.set(packed, found);
      states.push({ node: state.node, outcome: state.outcome });
      pending.push(state);
      saidOf.push(said);
    }
    return found;
  };

  const firstEdge: number[] = [];
  const to: number[] = [];
  const choices: Choice[] = [];
  const earned = SKILLS.map((): number[] => []);
  const possible = SKILLS.map((): number[] => []);
  const moves = moveTables(scenario);
  indexOf(initialState(scenario), 0, false);
  for (let next = 0; next < pending.length; next++) {
    firstEdge.push(to.length);
    const state = pending[next] as ConversationState;
    if (state.outcome !== null) continue;
    const table = moves.of(state);
    for (const choice of legalChoices(scenario, state)) {
      const step = applyChoice(scenario, state, choice, 0);
      if (!step.ok) continue;
      const bit = choice.kind === 'reply' ? (bits.get(state.node)?.get(choice.reply) ?? 0) : 0;
      // Only history the rules read is kept, so copies stay short.
      const kept = bit === 0 ? withHistory(step.state, state.decisions) : step.state;
      to.push(indexOf(kept, (saidOf[next] ?? 0) | bit, choice.kind === 'silence'));
      choices.push(choice);
      const review = table.review(state, choice);
      for (let skill = 0; skill < SKILLS.length; skill++) {
        earned[skill]?.push(review.earned[skill] ?? 0);
        possible[skill]?.push(review.possible[skill] ?? 0);
      }
    }
  }
  firstEdge.push(to.length);
  return { states, firstEdge: Int32Array.from(firstEdge), to: Int32Array.from(to), choices, earned: earned.map((amounts) => Float64Array.from(amounts)), possible: possible.map((amounts) => Float64Array.from(amounts)), offered: moves.offered };
}

/** What one move earned and could have earned, per skill in SKILLS order. */
interface MoveReview {
  earned: number[];
  possible: number[];
}

/**
 * How each move is scored in a state depends only on the node, the replies on offer and (for a
 * pause) whether composure is low, so thousands of states share a few tables. Replies are scored
 * against the best and worst reply on offer; pauses and silences by scoring's own review.
 */
function moveTables(scenario: Scenario) {
  const tables = new Map<string, { review: (state: ConversationState, choice: Choice) => MoveReview }>();
  const offered = new Set<string>();
  const fromReview = (review: DecisionReview | undefined): MoveReview => ({
    earned: SKILLS.map((skill) => (review ? review.skills[skill] - review.worst[skill] : 0)),
    possible: SKILLS.map((skill) => (review ? review.best[skill] - review.worst[skill] : 0)),
  });
  const build = (first: ConversationState, options: readonly ReplyOption[]) => {
    for (const option of options) offered.add(`${first.node}.${option.reply.id}`);
    const best = SKILLS.map((skill) => Math.max(...options.map((option) => option.reply.skills[skill])));
    const worst = SKILLS.map((skill) => Math.min(...options.map((option) => option.reply.skills[skill])));
    const replies = new Map(
      options.map(({ reply }) => [reply.id, { earned: SKILLS.map((skill, i) => reply.skills[skill] - (worst[i] ?? 0)), possible: SKILLS.map((_, i) => (best[i] ?? 0) - (worst[i] ?? 0)) }]),
    );
    const silence = fromReview(reviewDecision(scenario, first, { kind: 'silence' }, 0));
    const pause = new Map<boolean, MoveReview>();
    return {
      review(state: ConversationState, choice: Choice): MoveReview {
        if (choice.kind === 'reply') return replies.get(choice.reply) ?? fromReview(undefined);
        if (choice.kind === 'silence') return silence;
        const wellTimed = judgeBreath(scenario, state.composure).wellTimed;
        if (!pause.has(wellTimed)) pause.set(wellTimed, fromReview(reviewDecision(scenario, state, choice, 0)));
        return pause.get(wellTimed) as MoveReview;
      },
    };
  };
  return {
    offered,
    of(state: ConversationState) {
      const options = availableOptions(scenario, state);
      const key = `${state.node} ${options.map((option) => option.reply.id).join()}`;
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

/**
 * Node → reply → its bit in the said-mask, for replies named in any `said`/`notSaid` condition:
 * the only history the rules ever read.
 */
function rememberedBits(scenario: Scenario): Map<string, Map<string, number>> {
  const conditions: Condition[] = [];
  for (const node of Object.values(scenario.nodes)) {
    node.variants?.forEach((variant) => conditions.push(variant.if));
    for (const reply of node.replies ?? []) {
      if (reply.when) conditions.push(reply.when);
      if (typeof reply.next !== 'string') reply.next.forEach((route) => route.if && conditions.push(route.if));
    }
  }
  const refs = new Set(conditions.flatMap((condition) => [...(condition.said ?? []), ...(condition.notSaid ?? [])]));
  if (refs.size > 30) throw new Error(`Scenario "${scenario.id}": path analysis supports at most 30 replies named in said/notSaid conditions, found ${refs.size}`);
  const bits = new Map<string, Map<string, number>>();
  [...refs].forEach((ref, i) => {
    const [node = '', reply = ''] = ref.split('.');
    bits.set(node, (bits.get(node) ?? new Map<string, number>()).set(reply, 1 << i));
  });
  return bits;
}
