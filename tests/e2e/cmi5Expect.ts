import { expect } from 'vitest';
import { CMI5_IRIS } from '../../client/lms/cmi5Statements.ts';
import { choiceKey, RESULT_EXTENSIONS, scoreChoices, VERBS, type Choice, type Scenario, type XapiContext } from '../../src/index.ts';
import { xapiProblems } from '../unit/xapiValidation.ts';

/**
 * What a whole cmi5 session must look like, held to the cmi5 specification's rules and to the
 * core's scoring of the same choices: the same check for the unit tests (statements the reporter
 * built) and the browser test (statements as the LRS stored them).
 */

type Json = Record<string, unknown>;
interface Statement {
  id: string;
  actor: { account: { homePage: string; name: string } };
  verb: { id: string };
  object: { id: string };
  result?: { score?: { scaled: number; raw: number; min: number; max: number }; success?: boolean; completion?: boolean; duration?: string; response?: string; extensions?: Json };
  context: XapiContext & { extensions: Json };
  timestamp: string;
}

export interface ExpectedSession {
  registration: string;
  activityId: string;
  account: { homePage: string; name: string };
  contextTemplate: XapiContext;
  scenario: Scenario;
  choices: readonly Choice[];
  /** The mastery score the session judged against, or undefined when it sends neither passed nor failed. */
  mastery?: number;
}

const verbName = (id: string) => id.replace(/^.*\//, '');
const categories = (statement: Statement) => (statement.context.contextActivities?.category ?? []).map((activity) => activity.id);

/** The verbs in order, by their last path segment (initialized, answered, took-a-breath, completed…). */
export const verbsOf = (statements: readonly unknown[]) => (statements as Statement[]).map((statement) => verbName(statement.verb.id));

export function expectCmi5Session(found: readonly unknown[], expected: ExpectedSession): void {
  const statements = found as Statement[];
  const scored = scoreChoices(expected.scenario, expected.choices);
  if (!scored.ok) throw new Error(scored.error);
  const { report } = scored;
  const passed = expected.mastery !== undefined && report.overall / 100 >= expected.mastery;
  const decisionVerbs = expected.choices.map((choice) => verbName(choice.kind === 'breath' ? VERBS.breathed.id : VERBS.answered.id));
  const ending = expected.mastery === undefined ? ['completed'] : ['completed', passed ? 'passed' : 'failed'];
  expect(verbsOf(statements)).toEqual(['initialized', ...decisionVerbs, ...ending, 'terminated']);

  const times = statements.map((statement) => Date.parse(statement.timestamp));
  times.slice(1).forEach((time, index) => expect(time, 'timestamps strictly increase').toBeGreaterThan(times[index] as number));
  expect(new Set(statements.map((statement) => statement.id)).size).toBe(statements.length);

  const templateGrouping = (expected.contextTemplate.contextActivities?.grouping ?? []).map((activity) => activity.id);
  for (const statement of statements) {
    expect(xapiProblems(statement), `${statement.verb.id} is valid xAPI`).toEqual([]);
    expect(statement.actor.account).toEqual(expected.account);
    expect(statement.context.registration).toBe(expected.registration);
    // The context template, merged in whole (9.6.2): its grouping and its extensions (the session id).
    expect((statement.context.contextActivities?.grouping ?? []).map((activity) => activity.id)).toEqual(expect.arrayContaining(templateGrouping));
    expect(statement.context.extensions).toMatchObject(expected.contextTemplate.extensions ?? {});
  }

  const defined = [statements[0], ...statements.slice(1 + expected.choices.length)] as Statement[];
  for (const statement of defined) {
    expect(statement.object.id).toBe(expected.activityId);
    const moveOn = ['completed', 'passed', 'failed'].includes(verbName(statement.verb.id));
    expect(categories(statement).sort()).toEqual(moveOn ? [CMI5_IRIS.category, CMI5_IRIS.moveOn].sort() : [CMI5_IRIS.category]);
  }
  const [initialized, completed, judged] = [0, 1 + expected.choices.length, 2 + expected.choices.length].map((index) => statements[index] as Statement) as [Statement, Statement, Statement];
  expect(initialized.result).toBeUndefined();
  expect(completed.result).toEqual({ completion: true, duration: expect.stringMatching(/^PT\d+(\.\d+)?S$/) });
  const terminated = statements.at(-1) as Statement;
  expect(terminated.result).toEqual({ duration: expect.stringMatching(/^PT\d+(\.\d+)?S$/) });
  if (expected.mastery !== undefined) {
    expect(judged.result).toMatchObject({ score: { scaled: report.overall / 100, raw: report.overall, min: 0, max: 100 }, success: passed, duration: expect.stringMatching(/^PT/) });
    expect(judged.result?.completion).toBeUndefined();
    expect(judged.result?.extensions?.[RESULT_EXTENSIONS.skills]).toEqual(report.skills);
    expect(judged.context.extensions[CMI5_IRIS.masteryScore]).toBe(expected.mastery);
  }

  // The decisions: the profile's statements as cmi5 allowed ones, scored as the core scores them.
  statements.slice(1, 1 + expected.choices.length).forEach((statement, index) => {
    const review = report.decisions[index];
    if (!review) throw new Error(`no review ${index}`);
    expect(categories(statement)).not.toContain(CMI5_IRIS.category);
    expect(statement.object.id).toBe(`${expected.activityId}/nodes/${encodeURIComponent(review.node)}`);
    expect(statement.result?.response).toBe(choiceKey(review.choice));
    expect(statement.result?.extensions?.[RESULT_EXTENSIONS.quality]).toBe(review.quality);
    expect(statement.result?.extensions?.[RESULT_EXTENSIONS.skills]).toEqual(review.skills);
    expect(statement.context.contextActivities?.parent?.map((activity) => activity.id)).toEqual([expected.activityId]);
  });
}
