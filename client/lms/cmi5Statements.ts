import { attemptResult, decisionStatement, statementId, type Decision, type DecisionReview, type Scenario, type ScoreReport, type StatementSetting, type XapiActivity, type XapiContext, type XapiResult, type XapiStatement } from '../../src/index.ts';
import type { Cmi5LaunchParameters } from './cmi5Params.ts';

/**
 * The statements of a cmi5 session (the specification's section 9): the cmi5 defined ones
 * (initialized, completed, passed or failed, terminated) about the AU itself, and the profile's
 * decision statements (src/xapi, docs/xapi.md) as cmi5 allowed ones. Every statement carries the
 * LMS's registration and its context template; only the defined ones carry the cmi5 category.
 */

export const CMI5_IRIS = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
} as const;

export type DefinedVerb = 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated';

export interface Cmi5Session {
  launch: Cmi5LaunchParameters;
  contextTemplate: XapiContext;
  /** Fixed for one launch: every statement id of the session derives from it, so a statement sent again is the same statement. */
  sessionKey: string;
  language: string;
}

const verb = (name: DefinedVerb) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name } });
const activity = (id: string): XapiActivity => ({ objectType: 'Activity', id });

/** ISO 8601 duration in seconds to the hundredth; a clock that went backwards gives zero. */
export const duration = (ms: number) => `PT${(Math.max(0, Math.round(ms / 10)) / 100).toFixed(2).replace(/\.?0+$/, '')}S`;

/**
 * The statement's own context with the LMS's template over it (9.6.2: every property and value of
 * the template): template values win, its activity lists are joined to the statement's (without
 * repeating an id), its extensions added; the registration is always the launch's.
 */
export function withTemplate(context: XapiContext, template: XapiContext, registration: string): XapiContext {
  const lists = ['parent', 'grouping', 'category'] as const;
  const contextActivities: NonNullable<XapiContext['contextActivities']> = {};
  for (const list of lists) {
    const joined = [...(template.contextActivities?.[list] ?? []), ...(context.contextActivities?.[list] ?? [])];
    const unique = joined.filter((item, index) => joined.findIndex((other) => other.id === item.id) === index);
    if (unique.length > 0) contextActivities[list] = unique;
  }
  return {
    ...context,
    ...template,
    registration,
    ...(Object.keys(contextActivities).length > 0 ? { contextActivities } : {}),
    extensions: { ...context.extensions, ...template.extensions },
  };
}

export interface Judged {
  report: ScoreReport;
  /** 0–1: the mastery score the verdict was held to, sent in the statement's context (9.6.3.2). */
  mastery: number;
  passed: boolean;
}

/**
 * A cmi5 defined statement about the AU. Results follow 9.5: completed carries completion and its
 * duration, passed and failed the score, success and duration (and the skills, as the profile's
 * attempt result does), terminated its duration; initialized none. Completed, passed and failed
 * count towards moveOn, so they carry the moveOn category too.
 */
export function definedStatement(session: Cmi5Session, name: DefinedVerb, at: number, facts: { durationMs?: number; judged?: Judged } = {}): XapiStatement {
  const spent = facts.durationMs === undefined ? {} : { duration: duration(facts.durationMs) };
  let result: XapiResult | undefined;
  const extensions: Record<string, unknown> = {};
  if (name === 'completed') result = { completion: true, ...spent };
  else if (name === 'terminated') result = { ...spent };
  else if (name === 'passed' || name === 'failed') {
    const judged = facts.judged;
    if (!judged) throw new Error(`a ${name} statement needs the score it judged`);
    const scored = attemptResult(judged.report);
    result = { ...(scored.score ? { score: scored.score } : {}), success: name === 'passed', ...spent, ...(scored.extensions ? { extensions: scored.extensions } : {}) };
    extensions[CMI5_IRIS.masteryScore] = judged.mastery;
  }
  const moveOn = name === 'completed' || name === 'passed' || name === 'failed';
  const own: XapiContext = {
    language: session.language,
    contextActivities: { category: [activity(CMI5_IRIS.category), ...(moveOn ? [activity(CMI5_IRIS.moveOn)] : [])] },
    extensions,
  };
  return {
    id: statementId(session.sessionKey, `cmi5/${name}`),
    actor: session.launch.actor,
    verb: verb(name),
    object: activity(session.launch.activityId),
    ...(result ? { result } : {}),
    context: withTemplate(own, session.contextTemplate, session.launch.registration),
    timestamp: new Date(at).toISOString(),
  };
}

/**
 * A decision as the profile states it (answered, or took a breath), about the AU's node, as a cmi5
 * allowed statement: the same result extensions and scores the team server's LRS gets, with the
 * launch's actor and registration and the context template, and no cmi5 category.
 */
export function decisionAllowedStatement(session: Cmi5Session, attempt: { id: string; scenario: Scenario }, decision: Decision, review: DecisionReview): XapiStatement {
  const setting: StatementSetting = {
    actor: session.launch.actor,
    activity: { id: session.launch.activityId },
    attemptId: attempt.id,
    registration: session.launch.registration,
    language: session.language,
    scenarioVersion: attempt.scenario.version,
  };
  const built = decisionStatement(setting, attempt.scenario, decision, review);
  // The id is the session's as well as the attempt's: the team server may send the same attempt's statements (other context) to its own LRS.
  return { ...built, id: statementId(session.sessionKey, `${attempt.id}/decision/${review.index}`), context: withTemplate(built.context, session.contextTemplate, session.launch.registration) };
}
