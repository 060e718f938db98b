import { applyChoice, initialState, legalChoices, type ConversationState } from '../engine/rules.ts';
import type { Outcome } from '../rubric.ts';
import type { Condition, Scenario } from '../scenario/schema.ts';

export interface Exploration {
  /** Ending node ids some sequence of legal choices reaches. */
  endings: Set<string>;
  outcomes: Set<Outcome>;
  /** Distinct conversation states visited. */
  states: number;
}

/**
 * Walks every sequence of legal choices (replies and breaths) from the start. States that agree on
 * everything the rules can read (node, mood, composure, breath, and the replies conditions ask
 * about) are explored once, so the walk stays small even when paths are many.
 */
export function explore(scenario: Scenario): Exploration {
  const remembered = rememberedReplies(scenario);
  const keyOf = (state: ConversationState) => {
    const said = state.decisions.flatMap((d) => (d.choice.kind === 'reply' ? [`${d.node}.${d.choice.reply}`] : [])).filter((ref) => remembered.has(ref));
    return `${state.node}|${state.mood}|${state.composure}|${state.breathTakenHere}|${[...new Set(said)].sort().join()}`;
  };
  const result: Exploration = { endings: new Set(), outcomes: new Set(), states: 0 };
  const seen = new Set<string>();
  const pending = [initialState(scenario)];
  for (let state = pending.pop(); state; state = pending.pop()) {
    const key = keyOf(state);
    if (seen.has(key)) continue;
    seen.add(key);
    if (state.outcome !== null) {
      result.endings.add(state.node);
      result.outcomes.add(state.outcome);
      continue;
    }
    for (const choice of legalChoices(scenario, state)) {
      const step = applyChoice(scenario, state, choice, 0);
      if (step.ok) pending.push(step.state);
    }
  }
  result.states = seen.size;
  return result;
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
