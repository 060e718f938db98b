import { transition } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { namedReplies } from '../../src/analysis/stateGraph.ts';
import { choiceFor, conversationLogic, eventFor } from '../../src/engine/conversationLogic.ts';
import { applyChoice, initialState, legalChoices, type Choice, type ConversationState } from '../../src/engine/rules.ts';
import { SKILLS, type Outcome, type SkillVector } from '../../src/rubric.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { scoreChoices } from '../../src/index.ts';

/**
 * Two slow, obvious answers the path analysis must agree with: every simple path walked one by
 * one over the rules, and every simple path `xstate/graph` finds over the conversation actor.
 * Each path is scored by the scoring module. A simple path never comes back to a state it was in;
 * a move that would is noted as a repeat, which the analysis must refuse rather than count.
 */
export interface Enumerated {
  paths: number;
  endings: Set<string>;
  best: SkillVector;
  worst: SkillVector;
  /** Lowest overall score of a path that ends resolved (100 when none does). */
  weakestResolved: number;
  /** Best and worst overall score over all paths, and per outcome. */
  overall: { best: number; worst: number };
  byOutcome: Partial<Record<Outcome, { best: number; worst: number }>>;
  /** Nodes of states some move comes back to. */
  repeatedAt: Set<string>;
}

/** "The same state": the same for everything the rules read about the future (see stateGraph.ts). */
export function sameStateKey(scenario: Scenario): (state: ConversationState) => string {
  const named = [...namedReplies(scenario)];
  return (state) => {
    const said = new Set(state.decisions.flatMap((decision) => (decision.choice.kind === 'reply' ? [`${decision.node}.${decision.choice.reply}`] : [])));
    return JSON.stringify([state.node, state.mood, state.composure, state.breathTakenHere, named.filter((ref) => said.has(ref))]);
  };
}

function tally(scenario: Scenario) {
  const found: Enumerated = {
    paths: 0,
    endings: new Set(),
    best: { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 },
    worst: { calm: 100, notPersonal: 100, empathy: 100, concreteFix: 100 },
    weakestResolved: 100,
    overall: { best: 0, worst: 100 },
    byOutcome: {},
    repeatedAt: new Set(),
  };
  const addPath = (choices: readonly Choice[], ending: string) => {
    const scored = scoreChoices(scenario, choices);
    if (!scored.ok) throw new Error(scored.error);
    const { outcome, skills, overall } = scored.report;
    found.paths++;
    found.endings.add(ending);
    for (const skill of SKILLS) {
      found.best[skill] = Math.max(found.best[skill], skills[skill]);
      found.worst[skill] = Math.min(found.worst[skill], skills[skill]);
    }
    if (outcome === 'resolved') found.weakestResolved = Math.min(found.weakestResolved, overall);
    if (outcome === null) throw new Error(`path ${JSON.stringify(choices)} does not end`);
    found.overall = { best: Math.max(found.overall.best, overall), worst: Math.min(found.overall.worst, overall) };
    const kind = found.byOutcome[outcome] ?? { best: 0, worst: 100 };
    found.byOutcome[outcome] = { best: Math.max(kind.best, overall), worst: Math.min(kind.worst, overall) };
  };
  return { found, addPath };
}

/** Depth-first over the rules, one path at a time. */
export function walkEveryPath(scenario: Scenario): Enumerated {
  const keyOf = sameStateKey(scenario);
  const { found, addPath } = tally(scenario);
  const onPath = new Set<string>();
  const visit = (state: ConversationState, choices: Choice[]) => {
    if (state.outcome !== null) return addPath(choices, state.node);
    for (const choice of legalChoices(scenario, state)) {
      const step = applyChoice(scenario, state, choice, 0);
      if (!step.ok) throw new Error(step.error);
      const key = keyOf(step.state);
      if (onPath.has(key)) {
        found.repeatedAt.add(step.state.node);
        continue;
      }
      onPath.add(key);
      visit(step.state, [...choices, choice]);
      onPath.delete(key);
    }
  };
  const start = initialState(scenario);
  onPath.add(keyOf(start));
  visit(start, []);
  return found;
}

/**
 * `getSimplePaths` from xstate/graph over `conversationLogic`: the actor's own transitions, driven
 * by the events a trainee may send. It visits every state once per target state, so keep it to
 * scenarios with a few hundred paths.
 */
export function xstateSimplePaths(scenario: Scenario): Enumerated {
  const keyOf = sameStateKey(scenario);
  const options = {
    input: {},
    events: (snapshot: { context: ConversationState }) => legalChoices(scenario, snapshot.context).map(eventFor),
    serializeState: (snapshot: { context: ConversationState }) => keyOf(snapshot.context),
  };
  const logic = conversationLogic(scenario);
  const { found, addPath } = tally(scenario);
  for (const path of getSimplePaths(logic, options)) {
    // The first step is the start, reached by xstate's own init event.
    if (path.state.context.outcome !== null) addPath(path.steps.slice(1).map((step) => choiceFor(step.event)), path.state.context.node);
    const onPath = new Set(path.steps.map((step) => keyOf(step.state.context)));
    for (const event of options.events(path.state)) {
      const [next] = transition(logic, path.state, event);
      if (onPath.has(keyOf(next.context))) found.repeatedAt.add(next.context.node);
    }
  }
  return found;
}
