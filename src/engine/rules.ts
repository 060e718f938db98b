import type { Outcome, SkillVector } from '../rubric.ts';
import { createRandom, hashText, shuffled } from '../random.ts';
import { lineIds } from '../scenario/lineIds.ts';
import type { Condition, Reply, Scenario, ScenarioNode } from '../scenario/schema.ts';

/**
 * The rules of a conversation as pure functions over plain data. The XState machine calls them to
 * move; scoring calls them to replay an attempt. Nothing here reads a clock or a global RNG.
 */

/** A reply, a pause to cool down (P1), or saying nothing until the timer ran out. */
export type Choice = { kind: 'reply'; reply: string } | { kind: 'breath' } | { kind: 'silence' };

/** One thing the trainee did, as stored in an attempt. */
export interface Decision {
  choice: Choice;
  node: string;
  /** Milliseconds from the injected clock. */
  at: number;
  moodBefore: number;
  moodAfter: number;
  composureBefore: number;
  composureAfter: number;
}

export interface ConversationState {
  scenario: string;
  scenarioVersion: number;
  /** Seed for the order replies are shown in; null keeps the authored order. */
  seed: number | null;
  node: string;
  mood: number;
  composure: number;
  elapsedSeconds: number;
  breathTakenHere: boolean;
  /** How many decisions had been made when the current node was entered: a revisit gets a fresh reply order, a breath keeps it. */
  enteredAt: number;
  decisions: Decision[];
  outcome: Outcome | null;
}

export interface ReplyOption {
  reply: Reply;
  /** Offered but not yet possible: the trainee is too rattled; a breath would unlock it. */
  locked: boolean;
}

export type StepResult = { ok: true; state: ConversationState } | { ok: false; error: string };

const clampPercent = (value: number) => Math.max(0, Math.min(100, value));

export function initialState(scenario: Scenario, seed: number | null = null): ConversationState {
  const start: ConversationState = {
    scenario: scenario.id,
    scenarioVersion: scenario.version,
    seed,
    node: scenario.start,
    mood: scenario.mood,
    composure: scenario.composure,
    elapsedSeconds: 0,
    breathTakenHere: false,
    enteredAt: 0,
    decisions: [],
    outcome: null,
  };
  return enterNode(scenario, start, scenario.start);
}

export function currentNode(scenario: Scenario, state: ConversationState): ScenarioNode {
  const node = scenario.nodes[state.node];
  if (!node) throw new Error(`Scenario "${scenario.id}" has no node "${state.node}"`);
  return node;
}

/**
 * The last answer, kept: the same state is asked about back to back (legal moves then the move;
 * the move then its review), and one remembered entry costs far less than a cache of every state.
 */
let remembered: { scenario: Scenario; state: ConversationState; options: readonly ReplyOption[] } | undefined;

/** The replies on offer now, in the order to show them. */
export function availableOptions(scenario: Scenario, state: ConversationState): readonly ReplyOption[] {
  if (remembered?.state === state && remembered.scenario === scenario) return remembered.options;
  const replies = state.outcome === null ? (currentNode(scenario, state).replies ?? []) : [];
  const ordered = state.seed === null ? replies : shuffled(replies, createRandom(hashText(`${state.seed}:${state.node}:${state.enteredAt}`)));
  const options = ordered
    .filter((reply) => reply.when === undefined || holds(reply.when, state))
    .map((reply) => ({ reply, locked: reply.needsComposure !== undefined && state.composure < reply.needsComposure }));
  remembered = { scenario, state, options };
  return options;
}

/** Everything the trainee may do now; bots, tests, the terminal player and the view all ask this. */
export function legalChoices(scenario: Scenario, state: ConversationState): Choice[] {
  if (state.outcome !== null) return [];
  const choices = availableOptions(scenario, state)
    .filter((option) => !option.locked)
    .map((option): Choice => ({ kind: 'reply', reply: option.reply.id }));
  if (canTakeBreath(state)) choices.push({ kind: 'breath' });
  if (scenario.timer) choices.push({ kind: 'silence' });
  return choices;
}

export function canTakeBreath(state: ConversationState): boolean {
  return state.outcome === null && !state.breathTakenHere;
}

/** A breath is judged by context: it helps when composure is low, and only keeps the customer waiting otherwise. */
export function judgeBreath(scenario: Scenario, composure: number): { wellTimed: boolean; skills: SkillVector; mood: number } {
  return composure < scenario.breath.neededBelow
    ? { wellTimed: true, skills: { calm: 3, notPersonal: 1, empathy: 0, concreteFix: 0 }, mood: -5 }
    : { wellTimed: false, skills: { calm: 0, notPersonal: 0, empathy: -1, concreteFix: -1 }, mood: 10 };
}

/** Silence is judged like a reply: it shows indifference, the worst reaction (P16). */
export const SILENCE_SKILLS: SkillVector = { calm: -1, notPersonal: 0, empathy: -3, concreteFix: -2 };

/**
 * Text id of what the customer says now: their reaction if the trainee just let the timer run
 * out here, else the node's first variant whose condition holds, else its `line`.
 */
export function customerLineId(scenario: Scenario, state: ConversationState): string {
  const last = state.decisions.at(-1);
  if (last?.choice.kind === 'silence' && last.node === state.node && state.outcome === null) return lineIds.timeout;
  const variant = currentNode(scenario, state).variants?.find((candidate) => holds(candidate.if, state));
  return lineIds.customerLine(state.node, variant?.line);
}

/** Why the rules would refuse this choice now, or null if they would take it. */
export function refusalOf(scenario: Scenario, state: ConversationState, choice: Choice): string | null {
  if (state.outcome !== null) return `the conversation has already ended (${state.outcome})`;
  if (choice.kind === 'breath') return canTakeBreath(state) ? null : `a breath was already taken at node "${state.node}"`;
  if (choice.kind === 'silence') return scenario.timer ? null : 'this scenario has no timer, so there is no silence to record';
  const option = availableOptions(scenario, state).find((candidate) => candidate.reply.id === choice.reply);
  if (!option) return `reply "${choice.reply}" is not offered at node "${state.node}"`;
  return option.locked ? `reply "${choice.reply}" needs composure ${option.reply.needsComposure}; take a breath first` : null;
}

export function applyChoice(scenario: Scenario, state: ConversationState, choice: Choice, at: number): StepResult {
  const refusal = refusalOf(scenario, state, choice);
  if (refusal !== null) return { ok: false, error: refusal };
  if (choice.kind === 'breath') return { ok: true, state: takeBreath(scenario, state, at) };
  if (choice.kind === 'silence') return { ok: true, state: keepSilent(scenario, state, at) };
  const reply = (currentNode(scenario, state).replies ?? []).find((candidate) => candidate.id === choice.reply) as Reply;
  const after = withDecision(state, choice, at, state.mood + reply.mood, state.composure + reply.composure, reply.seconds);
  return { ok: true, state: enterNode(scenario, after, nextNode(scenario, after, reply)) };
}

/** One step of a replay: the state a choice was made in, and the state it led to. */
export interface ReplayStep {
  index: number;
  choice: Choice;
  before: ConversationState;
  after: ConversationState;
}

/**
 * Replays choices from the start, the one definition of "replaying" that scoring, transcripts,
 * scripts and resumed attempts share. `visit` sees each step; the first choice the rules refuse
 * stops the replay with an error naming it.
 */
export function replayChoices(scenario: Scenario, choices: readonly Choice[], seed: number | null = null, visit?: (step: ReplayStep) => void): StepResult {
  let state = initialState(scenario, seed);
  for (const [index, choice] of choices.entries()) {
    const step = applyChoice(scenario, state, choice, 0);
    if (!step.ok) return { ok: false, error: `decision ${index + 1}: ${step.error}` };
    visit?.({ index, choice, before: state, after: step.state });
    state = step.state;
  }
  return { ok: true, state };
}

/** After a breath on the same node the customer has nothing new to say; any other move gets an answer. */
export const customerAnswers = (choice: Choice, before: Pick<ConversationState, 'node'>, after: Pick<ConversationState, 'node'>): boolean =>
  choice.kind !== 'breath' || after.node !== before.node;

function keepSilent(scenario: Scenario, state: ConversationState, at: number): ConversationState {
  const timer = scenario.timer as NonNullable<Scenario['timer']>;
  return stayOrBreak(scenario, withDecision(state, { kind: 'silence' }, at, state.mood + timer.mood, state.composure, timer.seconds));
}

/** After a pause or a silence the conversation stays on the node, unless the customer has had enough. */
function stayOrBreak(scenario: Scenario, after: ConversationState): ConversationState {
  const broken = breakingPointReached(scenario, after);
  return broken ? enterNode(scenario, after, broken) : after;
}

function takeBreath(scenario: Scenario, state: ConversationState, at: number): ConversationState {
  const verdict = judgeBreath(scenario, state.composure);
  const after = withDecision(state, { kind: 'breath' }, at, state.mood + verdict.mood, state.composure + scenario.breath.composureGain, scenario.breath.seconds);
  return stayOrBreak(scenario, { ...after, breathTakenHere: true });
}

function withDecision(state: ConversationState, choice: Choice, at: number, mood: number, composure: number, seconds: number): ConversationState {
  const moodAfter = clampPercent(mood);
  const composureAfter = clampPercent(composure);
  const decision: Decision = { choice, node: state.node, at, moodBefore: state.mood, moodAfter, composureBefore: state.composure, composureAfter };
  // Every field spelled out: V8 builds this many times faster than `{ ...state, mood }`, and
  // path analysis builds hundreds of thousands of states.
  return {
    scenario: state.scenario,
    scenarioVersion: state.scenarioVersion,
    seed: state.seed,
    node: state.node,
    mood: moodAfter,
    composure: composureAfter,
    elapsedSeconds: state.elapsedSeconds + seconds,
    breathTakenHere: state.breathTakenHere,
    enteredAt: state.enteredAt,
    decisions: [...state.decisions, decision],
    outcome: state.outcome,
  };
}

/** Where a reply leads, read on the state after the reply took effect. */
export function nextNode(scenario: Scenario, after: ConversationState, reply: Reply): string {
  const broken = breakingPointReached(scenario, after);
  if (broken) return broken;
  if (typeof reply.next === 'string') return reply.next;
  const route = reply.next.find((candidate) => candidate.if === undefined || holds(candidate.if, after));
  // The schema guarantees a final unconditional route; this only guards hand-built scenarios.
  if (!route) throw new Error(`Reply "${reply.id}" has no route that applies`);
  return route.to;
}

function breakingPointReached(scenario: Scenario, state: ConversationState): string | undefined {
  const point = scenario.breakingPoint;
  return point !== undefined && state.mood >= point.moodAtLeast ? point.to : undefined;
}

function enterNode(scenario: Scenario, state: ConversationState, nodeId: string): ConversationState {
  const node = scenario.nodes[nodeId];
  if (!node) throw new Error(`Scenario "${scenario.id}" has no node "${nodeId}"`);
  return {
    scenario: state.scenario,
    scenarioVersion: state.scenarioVersion,
    seed: state.seed,
    node: nodeId,
    mood: state.mood,
    composure: clampPercent(state.composure + node.composure),
    elapsedSeconds: state.elapsedSeconds,
    breathTakenHere: false,
    enteredAt: state.decisions.length,
    decisions: state.decisions,
    outcome: node.ending ?? null,
  };
}

export function holds(condition: Condition, state: Pick<ConversationState, 'mood' | 'composure' | 'decisions'>): boolean {
  const said = (ref: string) => state.decisions.some((d) => d.choice.kind === 'reply' && `${d.node}.${d.choice.reply}` === ref);
  return (
    (condition.moodAtLeast === undefined || state.mood >= condition.moodAtLeast) &&
    (condition.moodBelow === undefined || state.mood < condition.moodBelow) &&
    (condition.composureAtLeast === undefined || state.composure >= condition.composureAtLeast) &&
    (condition.composureBelow === undefined || state.composure < condition.composureBelow) &&
    (condition.said ?? []).every(said) &&
    !(condition.notSaid ?? []).some(said)
  );
}
