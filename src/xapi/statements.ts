import { replayAttempt } from '../conversation.ts';
import type { Decision } from '../engine/rules.ts';
import { choiceKey } from '../reports/scenario.ts';
import type { Scenario } from '../scenario/schema.ts';
import { WEAK_BELOW, type DecisionReview, type ScoreReport } from '../scoring/score.ts';
import { SCORING_VERSION } from '../scoring/version.ts';
import { ACTIVITY_TYPES, CONTEXT_EXTENSIONS, PLATFORM, RESULT_EXTENSIONS, VERBS } from './profile.ts';
import type { Extensions, LanguageMap, XapiActivity, XapiAgent, XapiContext, XapiResult, XapiStatement } from './types.ts';
import { nameUuid, STATEMENT_NAMESPACE } from './uuid.ts';

/**
 * Statements of the profile (profile.ts), built from the core's replay of an attempt and nothing
 * the device claimed about scores. Pure: the same attempt always gives the same statements with
 * the same ids. The team server sends them to an LRS; a cmi5 session reuses the same builders with
 * its own actor, registration, activity id and context (its category activity, its session id).
 */

export interface StatementSetting {
  actor: XapiAgent;
  /** The scenario as an activity: its IRI, and a name if the caller has one in the right language. */
  activity: { id: string; name?: LanguageMap };
  /** The attempt's id: every statement id derives from it. */
  attemptId: string;
  /** The xAPI registration; the attempt's id unless the launch gave one (cmi5). */
  registration?: string;
  language: string;
  scenarioVersion: number;
  /** Added to every statement's context, e.g. cmi5's category activity. */
  contextActivities?: Pick<NonNullable<XapiContext['contextActivities']>, 'category' | 'grouping'>;
  /** Added to every statement's context extensions, e.g. cmi5's session id. */
  contextExtensions?: Extensions;
}

/** An attempt as the statements need it: its start (device ms) and its decisions as the rules made them. */
export interface PlayedAttempt {
  startedAt: number;
  decisions: readonly Decision[];
}

/** The trainee as an xAPI account on the team server (or the LMS): an id, and a name only when the deployment sends names. */
export function traineeAgent(homePage: string, traineeId: string, name?: string): XapiAgent {
  return { objectType: 'Agent', ...(name === undefined ? {} : { name }), account: { homePage, name: traineeId } };
}

/** The same attempt and event always give the same id. */
export const statementId = (attemptId: string, event: string): string => nameUuid(STATEMENT_NAMESPACE, `${attemptId}/${event}`);

export function attemptedStatement(setting: StatementSetting, startedAt: number): XapiStatement {
  return statement(setting, 'attempted', VERBS.attempted, scenarioActivity(setting), startedAt);
}

/** A decision: answered with the reply (or silence) as the response, or took a breath; its review's effects and principles as result extensions. */
export function decisionStatement(setting: StatementSetting, scenario: Scenario, decision: Decision, review: DecisionReview): XapiStatement {
  const weak = review.quality < WEAK_BELOW;
  const result: XapiResult = {
    response: choiceKey(decision.choice),
    success: !weak,
    extensions: {
      [RESULT_EXTENSIONS.skills]: review.skills,
      [RESULT_EXTENSIONS.moodBefore]: decision.moodBefore,
      [RESULT_EXTENSIONS.moodAfter]: decision.moodAfter,
      [RESULT_EXTENSIONS.composureBefore]: decision.composureBefore,
      [RESULT_EXTENSIONS.composureAfter]: decision.composureAfter,
      [RESULT_EXTENSIONS.quality]: review.quality,
      [RESULT_EXTENSIONS.weak]: weak,
      [RESULT_EXTENSIONS.principles]: review.teaches,
      ...(review.better ? { [RESULT_EXTENSIONS.betterReply]: review.better.reply } : {}),
    },
  };
  const verb = decision.choice.kind === 'breath' ? VERBS.breathed : VERBS.answered;
  const context = {
    parent: [scenarioActivity(setting)],
    extensions: { [CONTEXT_EXTENSIONS.decisionIndex]: review.index, [CONTEXT_EXTENSIONS.node]: decision.node },
  };
  return statement(setting, `decision/${review.index}`, verb, decisionActivity(setting, scenario, decision.node), decision.at, result, context);
}

/** The attempt's scores as an xAPI result: overall as the score, each skill in the skills extension. */
export function attemptResult(report: ScoreReport): XapiResult {
  return {
    score: { scaled: Math.min(1, Math.max(0, report.overall / 100)), raw: report.overall, min: 0, max: 100 },
    completion: report.outcome !== null,
    extensions: { [RESULT_EXTENSIONS.skills]: report.skills, [RESULT_EXTENSIONS.outcome]: report.outcome },
  };
}

/** Completed, then passed or failed against `passMark` (overall, 0–100); none while the conversation is unfinished. */
export function endStatements(setting: StatementSetting, report: ScoreReport, attempt: PlayedAttempt, passMark: number): XapiStatement[] {
  if (report.outcome === null) return [];
  const endedAt = attempt.decisions.at(-1)?.at ?? attempt.startedAt;
  const result = { ...attemptResult(report), duration: isoDuration(endedAt - attempt.startedAt) };
  const passed = report.overall >= passMark;
  const activity = scenarioActivity(setting);
  return [
    statement(setting, 'completed', VERBS.completed, activity, endedAt, result),
    statement(setting, 'passed-or-failed', passed ? VERBS.passed : VERBS.failed, activity, endedAt, { ...result, success: passed }, { extensions: { [CONTEXT_EXTENSIONS.passMark]: passMark } }),
  ];
}

export type AttemptStatements = { ok: true; statements: XapiStatement[] } | { ok: false; error: string };

/** Every statement of an attempt so far, in order, replayed and scored by the core. */
export function attemptStatements(setting: StatementSetting, scenario: Scenario, attempt: PlayedAttempt, passMark: number): AttemptStatements {
  const scored = replayAttempt(scenario, { scenario: scenario.id, scenarioVersion: setting.scenarioVersion, decisions: [...attempt.decisions] });
  if (!scored.ok) return scored;
  const { report } = scored;
  const decisions = attempt.decisions.map((decision, index) => decisionStatement(setting, scenario, decision, report.decisions[index] as DecisionReview));
  return { ok: true, statements: [attemptedStatement(setting, attempt.startedAt), ...decisions, ...endStatements(setting, report, attempt, passMark)] };
}

function scenarioActivity(setting: StatementSetting): XapiActivity {
  return { objectType: 'Activity', id: setting.activity.id, definition: { type: ACTIVITY_TYPES.scenario, ...(setting.activity.name ? { name: setting.activity.name } : {}) } };
}

function decisionActivity(setting: StatementSetting, scenario: Scenario, node: string): XapiActivity {
  const replies = scenario.nodes[node]?.replies ?? [];
  return {
    objectType: 'Activity',
    id: `${setting.activity.id}/nodes/${encodeURIComponent(node)}`,
    definition: { type: ACTIVITY_TYPES.decision, interactionType: 'choice', choices: replies.map((reply) => ({ id: reply.id })) },
  };
}

function statement(
  setting: StatementSetting,
  event: string,
  verb: XapiStatement['verb'],
  object: XapiActivity,
  at: number,
  result?: XapiResult,
  extra: { parent?: XapiActivity[]; extensions?: Extensions } = {},
): XapiStatement {
  const contextActivities = { ...(extra.parent ? { parent: extra.parent } : {}), ...setting.contextActivities };
  const context: XapiContext = {
    registration: setting.registration ?? setting.attemptId,
    platform: PLATFORM,
    language: setting.language,
    ...(Object.keys(contextActivities).length > 0 ? { contextActivities } : {}),
    extensions: {
      [CONTEXT_EXTENSIONS.attempt]: setting.attemptId,
      [CONTEXT_EXTENSIONS.scenarioVersion]: setting.scenarioVersion,
      [CONTEXT_EXTENSIONS.scoringVersion]: SCORING_VERSION,
      ...extra.extensions,
      ...setting.contextExtensions,
    },
  };
  return { id: statementId(setting.attemptId, event), actor: setting.actor, verb, object, ...(result ? { result } : {}), context, timestamp: new Date(at).toISOString() };
}

/** ISO 8601 duration in seconds to the hundredth, as xAPI wants it; a device clock that went backwards gives zero. */
function isoDuration(ms: number): string {
  return `PT${(Math.max(0, Math.round(ms / 10)) / 100).toFixed(2).replace(/\.?0+$/, '')}S`;
}
