import { applyChoice, availableOptions, initialState, judgeBreath, legalChoices, type Choice, type ConversationState, type ReplyOption } from '../engine/rules.ts';
import { SKILLS, type Outcome, type SkillVector } from '../rubric.ts';
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
  /** Per edge and skill, at `edge * SKILLS.length + skill`: chosen minus worst. */
  earned: Float64Array;
  /** Per edge and skill: best minus worst. */
  possible: Float64Array;
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
  const earned: number[] = [];
  const possible: number[] = [];
  const offered = new Set<string>();
  const reviews = reviewCache(scenario);
  indexOf(initialState(scenario), 0, false);
  for (let next = 0; next < pending.length; next++) {
    firstEdge.push(to.length);
    const state = pending[next] as ConversationState;
    if (state.outcome !== null) continue;
    const options = availableOptions(scenario, state);
    for (const option of options) offered.add(`${state.node}.${option.reply.id}`);
    const replies = replyBounds(options);
    for (const choice of legalChoices(scenario, state)) {
      const step = applyChoice(scenario, state, choice, 0);
      if (!step.ok) continue;
      const bit = choice.kind === 'reply' ? (bits.get(state.node)?.get(choice.reply) ?? 0) : 0;
      // Only history the rules read is kept, so copies stay short.
      const kept = bit === 0 ? withHistory(step.state, state.decisions) : step.state;
      to.push(indexOf(kept, (saidOf[next] ?? 0) | bit, choice.kind === 'silence'));
      choices.push(choice);
      // Replies share one best and worst per state; scoring's review (same numbers) covers pauses and silences.
      const review = choice.kind === 'reply' ? undefined : reviews.of(state, choice);
      const chosen = choice.kind === 'reply' ? options.find((option) => option.reply.id === choice.reply)?.reply.skills : review?.skills;
      for (const skill of SKILLS) {
        const low = review ? review.worst[skill] : replies.worst[skill];
        earned.push((chosen?.[skill] ?? 0) - low);
        possible.push((review ? review.best[skill] : replies.best[skill]) - low);
      }
    }
  }
  firstEdge.push(to.length);
  return { states, firstEdge: Int32Array.from(firstEdge), to: Int32Array.from(to), choices, earned: Float64Array.from(earned), possible: Float64Array.from(possible), offered };
}

/** Per skill, the highest and lowest effect among the replies on offer. */
function replyBounds(options: readonly ReplyOption[]): { best: SkillVector; worst: SkillVector } {
  const best = { calm: -Infinity, notPersonal: -Infinity, empathy: -Infinity, concreteFix: -Infinity };
  const worst = { calm: Infinity, notPersonal: Infinity, empathy: Infinity, concreteFix: Infinity };
  for (const { reply } of options) {
    for (const skill of SKILLS) {
      best[skill] = Math.max(best[skill], reply.skills[skill]);
      worst[skill] = Math.min(worst[skill], reply.skills[skill]);
    }
  }
  return { best, worst };
}

/**
 * Scoring's review of pauses and silences, remembered: a pause is judged by whether composure is
 * low, a silence against the replies on offer, so thousands of states share a handful of reviews.
 */
function reviewCache(scenario: Scenario) {
  const seen = new Map<string, DecisionReview | undefined>();
  return {
    of(state: ConversationState, choice: Choice): DecisionReview | undefined {
      const key =
        choice.kind === 'breath'
          ? `breath ${judgeBreath(scenario, state.composure).wellTimed}`
          : `silence ${availableOptions(scenario, state)
              .map((option) => option.reply.id)
              .join()} at ${state.node}`;
      if (!seen.has(key)) seen.set(key, reviewDecision(scenario, state, choice, 0));
      return seen.get(key);
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
