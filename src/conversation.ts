import type { TFunction } from 'i18next';
import { createActor, type Actor } from 'xstate';
import type { ScenarioBundle } from './content.ts';
import { conversationLogic, eventFor, type ConversationLogic } from './engine/conversationLogic.ts';
import { availableOptions, canTakeBreath, customerLineId, type Choice, type ConversationState } from './engine/rules.ts';
import { COMMON_NAMESPACE, createTranslator, type Language } from './i18n/index.ts';
import type { Attempt } from './records/attempt.ts';
import type { Outcome, SkillVector } from './rubric.ts';
import { decisionTextId, lineIds } from './scenario/lineIds.ts';
import type { Scenario } from './scenario/schema.ts';
import { scoreChoices, type DecisionReview, type ScoreReport, type ScoreResult } from './scoring/score.ts';

/** What a trainee sees now, as text in one language: the same for the game, the terminal, a live room's phones. */
export interface Screen {
  node: string;
  /** What the customer says now (their closing line once the conversation has ended). */
  customer: { lineId: string; text: string };
  /** Replies on offer, in the order shown; a locked one needs a breath first. */
  replies: { id: string; text: string; locked: boolean }[];
  canBreathe: boolean;
  /** Seconds to answer, when the scenario is timed. */
  timerSeconds: number | null;
  mood: number;
  composure: number;
  outcome: Outcome | null;
  /** The summary of how it ended, once it has. */
  ending: string | null;
}

export function screenOf(scenario: Scenario, state: ConversationState, t: TFunction): Screen {
  const say = (key: string) => t(key, { ns: scenario.id });
  const lineId = customerLineId(scenario, state);
  return {
    node: state.node,
    customer: { lineId, text: say(lineId) },
    replies: availableOptions(scenario, state).map(({ reply, locked }) => ({ id: reply.id, text: say(lineIds.replyText(state.node, reply.id)), locked })),
    canBreathe: canTakeBreath(state),
    timerSeconds: scenario.timer?.seconds ?? null,
    mood: state.mood,
    composure: state.composure,
    outcome: state.outcome,
    ending: state.outcome === null ? null : say(lineIds.endingSummary(state.node)),
  };
}

/** One decision in words: what was said, what it did to the customer, why, and what would have been better. */
export interface Explanation {
  said: string;
  moodBefore: number;
  moodAfter: number;
  skills: SkillVector;
  feedback: string;
  principles: { id: string; title: string }[];
  /** The better reply's text, a note that carrying on was better than pausing, or null when this was the best move. */
  better: string | null;
}

export function explainDecision(scenario: Scenario, review: DecisionReview, t: TFunction): Explanation {
  const said = decisionTextId(scenario.id, review.node, review.choice);
  const better = review.better === null ? null : review.better.reply === null ? t('debrief.noPause') : t(lineIds.replyText(review.node, review.better.reply), { ns: scenario.id });
  return {
    said: t(said.key, { ns: said.ns }),
    moodBefore: review.moodBefore,
    moodAfter: review.moodAfter,
    skills: review.skills,
    feedback: t(review.feedback.key, { ns: review.feedback.ns }),
    principles: review.teaches.map((id) => ({ id, title: t(`principles.${id}`) })),
    better,
  };
}

/** Scores a stored attempt again from its choices; an attempt from another scenario or version is refused, not mis-scored. */
export function replayAttempt(scenario: Scenario, attempt: Pick<Attempt, 'scenario' | 'scenarioVersion' | 'decisions'>): ScoreResult {
  if (attempt.scenario !== scenario.id) return { ok: false, error: `the attempt is for scenario "${attempt.scenario}", not "${scenario.id}"` };
  if (attempt.scenarioVersion !== scenario.version) {
    return { ok: false, error: `the attempt was played on version ${attempt.scenarioVersion} of "${scenario.id}", which is now version ${scenario.version}` };
  }
  return scoreChoices(scenario, attempt.decisions.map((decision) => decision.choice));
}

export interface ConversationSetup {
  /** Translator holding the `common` namespace and the scenario's namespace in the language to show. */
  t: TFunction;
  /** Same seed, same reply order. */
  seed?: number | null;
  /** Choices already made (a resumed attempt, "try again from here"). */
  prefix?: readonly Choice[];
  /** Milliseconds for decision timestamps. */
  now?: () => number;
}

/** A conversation driven from outside a view: a terminal, a server, a test, a live room. */
export class Conversation {
  readonly actor: Actor<ConversationLogic>;

  constructor(
    readonly scenario: Scenario,
    private readonly setup: ConversationSetup,
  ) {
    this.actor = createActor(conversationLogic(scenario, { now: setup.now }), { input: { seed: setup.seed ?? null, prefix: setup.prefix ?? [] } });
    this.actor.start();
    const failed = this.actor.getSnapshot();
    if (failed.status === 'error') throw failed.error;
  }

  get state(): ConversationState {
    return this.actor.getSnapshot().context;
  }

  screen(): Screen {
    return screenOf(this.scenario, this.state, this.setup.t);
  }

  /** Makes a move; a move the rules refuse changes nothing and says why. */
  choose(choice: Choice): { ok: true } | { ok: false; reason: string } {
    let reason: string | null = null;
    const listener = this.actor.on('move.rejected', (rejected) => (reason = rejected.reason));
    this.actor.send(eventFor(choice));
    listener.unsubscribe();
    return reason === null ? { ok: true } : { ok: false, reason };
  }

  score(): ScoreReport {
    const scored = scoreChoices(this.scenario, this.state.decisions.map((decision) => decision.choice));
    // The actor only ever holds moves the rules accepted, so its own decisions always replay.
    if (!scored.ok) throw new Error(scored.error);
    return scored.report;
  }

  explain(decisionIndex: number): Explanation | undefined {
    const review = this.score().decisions[decisionIndex];
    return review && explainDecision(this.scenario, review, this.setup.t);
  }
}

/** A translator for one scenario in one language, with the shared text (`locales/<lng>/common.json`) beside it; nothing is escaped (text goes to textContent, a canvas or a terminal). */
export function translatorFor(bundle: ScenarioBundle, language: Language, commonText: Record<string, unknown>): TFunction {
  const resources = { [language]: { [COMMON_NAMESPACE]: commonText, [bundle.scenario.id]: bundle.text[language] ?? {} } };
  return createTranslator(language, resources, { escapeValue: false }).t;
}

export const startConversation = (bundle: Pick<ScenarioBundle, 'scenario'>, setup: ConversationSetup) => new Conversation(bundle.scenario, setup);
