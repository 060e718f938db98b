import { applyChoice, availableOptions, initialState, legalChoices, type Choice, type ConversationState } from '../engine/rules.ts';
import { SKILLS, type Outcome } from '../rubric.ts';
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
  const keyOf = stateKeyFor(scenario);
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
    graphNode.offered = availableOptions(scenario, state).map((option) => `${state.node}.${option.reply.id}`);
    for (const choice of legalChoices(scenario, state)) {
      const review = reviewDecision(scenario, state, choice, 0);
      const step = applyChoice(scenario, state, choice, 0);
      if (!review || !step.ok) continue;
      graphNode.edges.push({
        choice,
        to: indexOf(step.state),
        earned: SKILLS.map((skill) => review.skills[skill] - review.worst[skill]),
        possible: SKILLS.map((skill) => review.best[skill] - review.worst[skill]),
      });
    }
  }
  return nodes;
}

function stateKeyFor(scenario: Scenario): (state: ConversationState) => string {
  // Node → replies that some condition asks about; looked up without building strings, as this runs per move.
  const remembered = new Map<string, Set<string>>();
  for (const ref of rememberedReplies(scenario)) {
    const [node = '', reply = ''] = ref.split('.');
    remembered.set(node, (remembered.get(node) ?? new Set()).add(reply));
  }
  return (state) => {
    const said: string[] = [];
    for (const decision of state.decisions) {
      const { choice } = decision;
      if (choice.kind !== 'reply' || !remembered.get(decision.node)?.has(choice.reply)) continue;
      const ref = `${decision.node}.${choice.reply}`;
      if (!said.includes(ref)) said.push(ref);
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
