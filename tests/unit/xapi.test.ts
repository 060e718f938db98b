import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  attemptStatements,
  CONTEXT_EXTENSIONS,
  legalChoices,
  nameUuid,
  replayChoices,
  RESULT_EXTENSIONS,
  scoreChoices,
  sha1,
  traineeAgent,
  VERBS,
  WEAK_BELOW,
  XAPI_BASE,
  type Choice,
  type Scenario,
  type StatementSetting,
  type XapiStatement,
} from '../../src/index.ts';
import { libraryScenarios } from '../helpers.ts';
import { xapiProblems } from './xapiValidation.ts';

const HOME = 'https://training.example.com';
const START = 1_700_000_000_000;

/** A breath first, then each choice `pick` makes among the legal ones, until the conversation ends. */
function play(scenario: Scenario, pick: (choices: Choice[]) => Choice) {
  const choices: Choice[] = [{ kind: 'breath' }];
  for (;;) {
    const replayed = replayChoices(scenario, choices, 7);
    if (!replayed.ok) throw new Error(replayed.error);
    if (replayed.state.outcome !== null) return { choices, decisions: replayed.state.decisions.map((decision, index) => ({ ...decision, at: START + 1000 * (index + 1) })) };
    const legal = legalChoices(scenario, replayed.state).filter((choice) => choice.kind !== 'breath');
    choices.push(pick(legal));
  }
}

const settingFor = (scenario: Scenario, attemptId: string, name?: string): StatementSetting => ({
  actor: traineeAgent(HOME, 'trainee-1', name),
  activity: { id: `${HOME}/xapi/scenarios/${scenario.id}` },
  attemptId,
  language: 'en',
  scenarioVersion: scenario.version,
});

function statementsOf(scenario: Scenario, pick: (choices: Choice[]) => Choice, passMark = 70, attemptId = randomUUID()) {
  const { choices, decisions } = play(scenario, pick);
  const built = attemptStatements(settingFor(scenario, attemptId), scenario, { startedAt: START, decisions }, passMark);
  if (!built.ok) throw new Error(built.error);
  const scored = scoreChoices(scenario, choices);
  if (!scored.ok) throw new Error(scored.error);
  return { statements: built.statements, report: scored.report, choices, attemptId };
}

const first = (choices: Choice[]) => choices[0] as Choice;
const last = (choices: Choice[]) => choices.at(-1) as Choice;

describe('xAPI statements', () => {
  test.each(libraryScenarios().map((scenario) => [scenario.id, scenario] as const))('every statement of a whole attempt at %s validates against the xAPI specification', (_id, scenario) => {
    for (const pick of [first, last]) {
      const { statements } = statementsOf(scenario, pick);
      for (const statement of statements) expect(xapiProblems(statement), JSON.stringify(statement)).toEqual([]);
    }
  });

  test('an attempt is attempted, a breath, each answer, completed, then passed or failed, with the core\'s scores', () => {
    const scenario = libraryScenarios()[0] as Scenario;
    const { statements, report, choices } = statementsOf(scenario, first);
    expect(statements.map((statement) => statement.verb.id)).toEqual([
      VERBS.attempted.id,
      VERBS.breathed.id,
      ...choices.slice(1).map(() => VERBS.answered.id),
      VERBS.completed.id,
      report.overall >= 70 ? VERBS.passed.id : VERBS.failed.id,
    ]);
    const [completed, judged] = statements.slice(-2) as [XapiStatement, XapiStatement];
    expect(completed.result?.score).toEqual({ scaled: report.overall / 100, raw: report.overall, min: 0, max: 100 });
    expect(judged.result?.extensions?.[RESULT_EXTENSIONS.skills]).toEqual(report.skills);
    expect(judged.result?.extensions?.[RESULT_EXTENSIONS.outcome]).toBe(report.outcome);
    expect(completed.result?.duration).toBe(`PT${choices.length}S`);
    statements.slice(1, -2).forEach((statement, index) => {
      const review = report.decisions[index];
      if (!review) throw new Error(`no review for decision ${index}`);
      expect(statement.result?.response).toBe(index === 0 ? 'breath' : (choices[index] as { reply: string }).reply);
      expect(statement.result?.extensions).toMatchObject({
        [RESULT_EXTENSIONS.skills]: review.skills,
        [RESULT_EXTENSIONS.moodBefore]: review.moodBefore,
        [RESULT_EXTENSIONS.moodAfter]: review.moodAfter,
        [RESULT_EXTENSIONS.principles]: review.teaches,
        [RESULT_EXTENSIONS.weak]: review.quality < WEAK_BELOW,
      });
      expect(statement.context.extensions?.[CONTEXT_EXTENSIONS.decisionIndex]).toBe(index);
      expect(statement.context.contextActivities?.parent?.[0]?.id).toBe(statements[0]?.object.id);
    });
  });

  test('passed or failed turns on the pass mark, and both share one id so an attempt is judged once', () => {
    const scenario = libraryScenarios()[0] as Scenario;
    const attemptId = randomUUID();
    const { report } = statementsOf(scenario, first, 70, attemptId);
    const at = (mark: number) => statementsOf(scenario, first, mark, attemptId).statements.at(-1) as XapiStatement;
    expect(at(report.overall).verb).toEqual(VERBS.passed);
    expect(at(report.overall + 1).verb).toEqual(VERBS.failed);
    expect(at(report.overall).id).toBe(at(report.overall + 1).id);
  });

  test('the same attempt gives the same statements with the same ids; another attempt, other ids', () => {
    const scenario = libraryScenarios()[0] as Scenario;
    const attemptId = randomUUID();
    const once = statementsOf(scenario, first, 70, attemptId).statements;
    expect(statementsOf(scenario, first, 70, attemptId).statements).toEqual(once);
    expect(new Set(once.map((statement) => statement.id)).size).toBe(once.length);
    const other = statementsOf(scenario, first).statements.map((statement) => statement.id);
    expect(once.some((statement) => other.includes(statement.id))).toBe(false);
  });

  test('an unfinished attempt has no completed, passed or failed statement', () => {
    const scenario = libraryScenarios()[0] as Scenario;
    const { decisions } = play(scenario, first);
    const built = attemptStatements(settingFor(scenario, randomUUID()), scenario, { startedAt: START, decisions: decisions.slice(0, 2) }, 70);
    if (!built.ok) throw new Error(built.error);
    expect(built.statements.map((statement) => statement.verb.id)).toEqual([VERBS.attempted.id, VERBS.breathed.id, VERBS.answered.id]);
  });

  test('the trainee is an account on the server, named only when the deployment sends names', () => {
    const scenario = libraryScenarios()[0] as Scenario;
    const { statements } = statementsOf(scenario, first);
    for (const statement of statements) expect(statement.actor).toEqual({ objectType: 'Agent', account: { homePage: HOME, name: 'trainee-1' } });
    expect(traineeAgent(HOME, 'trainee-1', 'Dana')).toEqual({ objectType: 'Agent', name: 'Dana', account: { homePage: HOME, name: 'trainee-1' } });
  });

  test('the validator refuses what the specification refuses', () => {
    const scenario = libraryScenarios()[0] as Scenario;
    const [attempted] = statementsOf(scenario, first).statements as [XapiStatement];
    expect(xapiProblems({ ...attempted, actor: { objectType: 'Agent', account: { homePage: 'not a url', name: 'x' } } })).not.toEqual([]);
    expect(xapiProblems({ ...attempted, result: { score: { scaled: 2 } } })).not.toEqual([]);
    expect(xapiProblems({ ...attempted, verb: { id: VERBS.attempted.id, display: 'attempted' } })).not.toEqual([]);
  });

  test('every extension the profile defines lives under its base IRI', () => {
    for (const iri of [...Object.values(RESULT_EXTENSIONS), ...Object.values(CONTEXT_EXTENSIONS), VERBS.breathed.id]) expect(iri.startsWith(`${XAPI_BASE}/`)).toBe(true);
  });
});

describe('name-based statement ids', () => {
  test('SHA-1 agrees with Node\'s on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const bytes = [...Buffer.from(text, 'utf8')];
        expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(createHash('sha1').update(Buffer.from(bytes)).digest('hex'));
      }),
      { numRuns: 40 },
    );
  });

  test('a version 5 UUID matches the RFC\'s construction (the DNS namespace example)', () => {
    expect(nameUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    // Any name, Unicode too: the hash of namespace and UTF-8 name, with the version and variant bits set.
    const text = 'attempt/é/😀';
    const hash = createHash('sha1').update(Buffer.concat([Buffer.from('6ba7b8109dad11d180b400c04fd430c8', 'hex'), Buffer.from(text, 'utf8')])).digest().subarray(0, 16);
    hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
    hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
    expect(nameUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', text).replaceAll('-', '')).toBe(hash.toString('hex'));
  });
});
