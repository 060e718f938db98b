import { applyChoice, availableOptions, initialState, legalChoices, type Choice, type ConversationState, type Decision } from '../engine/rules.ts';
import { SKILLS, type Outcome, type SkillVector } from '../rubric.ts';
import type { Condition, Scenario } from '../scenario/schema.ts';
import { reviewDecision } from '../scoring/score.ts';

/** One move from one state: where it leads and, per skill, what it earned and what was possible. */
export interface Edge {
  choice: Choice;
  to: number;
  /** Per skill (in SKILLS order): chosen minus worst. */
  earned: number[];
  /** Per skill: best minus worst. */
  possible: number[];
}

export interface StateNode {
  node: string;
  outcome: Outcome | null;
  edges: Edge[];
  /** Replies on offer here, `node.reply`. */
  offered: string[];
}

/**
 * Every distinct conversation state a scenario can reach, as a graph. States that agree on all
 * the rules can read (node, mood, composure, breath taken, a silence just now, and the replies
 * that conditions ask about) have the same futures, so the graph stays small (hundreds to a few
 * thousand states) even when paths number in the millions. Index 0 is the start.
 */
export function buildStateGraph(scenario: Scenario): StateNode[] {
  const remembered = rememberedByNode(scenario);
  const keyOf = stateKeyFor(remembered);
  // Only history the rules read is kept (remembered replies and the last move), so copies stay short.
  const compact = (state: ConversationState): ConversationState => ({
    ...state,
    decisions: state.decisions.filter((decision, i) => i === state.decisions.length - 1 || isRemembered(remembered, decision)),
  });
  const index = new Map<string, number>();
  const nodes: StateNode[] = [];
  const pending: ConversationState[] = [];
  const indexOf = (state: ConversationState): number => {
    const key = keyOf(state);
    let found = index.get(key);
    if (found === undefined) {
      found = nodes.length;
      index.set(key, found);
      nodes.push({ node: state.node, outcome: state.outcome, edges: [], offered: [] });
      pending.push(state);
    }
    return found;
  };
  indexOf(initialState(scenario));
  for (let next = 0; next < pending.length; next++) {
    const state = pending[next] as ConversationState;
    const graphNode = nodes[next] as StateNode;
    if (state.outcome !== null) continue;
    const options = availableOptions(scenario, state);
    graphNode.offered = options.map((option) => `${state.node}.${option.reply.id}`);
    // Replies share one best and worst per state; scoring's review (same numbers) is kept for pauses and silences.
    const [best, worst] = replyBounds(options.map((option) => option.reply.skills));
    for (const choice of legalChoices(scenario, state)) {
      const step = applyChoice(scenario, state, choice, 0);
      if (!step.ok) continue;
      const edge: Edge = { choice, to: indexOf(compact(step.state)), earned: [], possible: [] };
      const review = choice.kind === 'reply' ? undefined : reviewDecision(scenario, state, choice, 0);
      const skills = choice.kind === 'reply' ? options.find((option) => option.reply.id === choice.reply)?.reply.skills : review?.skills;
      for (const [i, skill] of SKILLS.entries()) {
        const low = review ? review.worst[skill] : (worst[i] ?? 0);
        edge.earned.push((skills?.[skill] ?? 0) - low);
        edge.possible.push((review ? review.best[skill] : (best[i] ?? 0)) - low);
      }
      graphNode.edges.push(edge);
    }
  }
  return nodes;
}

/** Per skill (SKILLS order), the highest and lowest effect among the replies on offer. */
function replyBounds(effects: SkillVector[]): [number[], number[]] {
  const best = SKILLS.map((skill) => Math.max(...effects.map((effect) => effect[skill])));
  const worst = SKILLS.map((skill) => Math.min(...effects.map((effect) => effect[skill])));
  return [best, worst];
}

type Remembered = Map<string, Set<string>>;

/** Node → replies that some condition asks about. */
function rememberedByNode(scenario: Scenario): Remembered {
  const remembered: Remembered = new Map();
  for (const ref of rememberedReplies(scenario)) {
    const [node = '', reply = ''] = ref.split('.');
    remembered.set(node, (remembered.get(node) ?? new Set()).add(reply));
  }
  return remembered;
}

const isRemembered = (remembered: Remembered, decision: Decision) => decision.choice.kind === 'reply' && remembered.get(decision.node)?.has(decision.choice.reply) === true;

function stateKeyFor(remembered: Remembered): (state: ConversationState) => string {
  return (state) => {
    const said: string[] = [];
    for (const decision of state.decisions) {
      const ref = isRemembered(remembered, decision) && decision.choice.kind === 'reply' ? `${decision.node}.${decision.choice.reply}` : '';
      if (ref !== '' && !said.includes(ref)) said.push(ref);
    }
    said.sort();
    const silent = state.decisions.at(-1)?.choice.kind === 'silence';
    return `${state.node}|${state.mood}|${state.composure}|${state.breathTakenHere}|${silent}|${said.join()}`;
  };
}

/** Replies named in any `said`/`notSaid` condition: the only history the rules ever read. */
function rememberedReplies(scenario: Scenario): Set<string> {
  const conditions: Condition[] = [];
  for (const node of Object.values(scenario.nodes)) {
    node.variants?.forEach((variant) => conditions.push(variant.if));
    for (const reply of node.replies ?? []) {
      if (reply.when) conditions.push(reply.when);
      if (typeof reply.next !== 'string') reply.next.forEach((route) => route.if && conditions.push(route.if));
    }
  }
  return new Set(conditions.flatMap((condition) => [...(condition.said ?? []), ...(condition.notSaid ?? [])]));
}
