import { describe, expect, it } from 'vitest';
import { cmi5Client, Cmi5Error } from '../../client/lms/cmi5Client.ts';
import type { Cmi5LaunchParameters } from '../../client/lms/cmi5Params.ts';
import { Cmi5Reporter, type Cmi5ReporterOptions, type DeliveryState } from '../../client/lms/cmi5Reporter.ts';
import { CMI5_IRIS, withTemplate } from '../../client/lms/cmi5Statements.ts';
import { replayChoices, type Choice, type Decision, type Scenario, type XapiContext, type XapiStatement } from '../../src/index.ts';
import { expectCmi5Session, verbsOf } from '../e2e/cmi5Expect.ts';
import { plannedPlays } from '../e2e/plans.ts';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const STEP_MS = 1500;
const LAUNCH: Cmi5LaunchParameters = {
  endpoint: 'https://lms.example.com/xapi/',
  fetchUrl: 'https://lms.example.com/fetch/1',
  actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.com', name: 'learner-1' } },
  registration: '1b0e8c2a-9d4f-4e6b-8a3c-5f7d9e1a2b3c',
  activityId: 'https://lms.example.com/activities/au/42',
};
const TEMPLATE: XapiContext = {
  contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://holdtheline.example/xapi/scenarios/night-milk' }] },
  extensions: { [CMI5_IRIS.sessionId]: 'session-7', 'https://lms.example.com/extensions/view': 'v1' },
};

const found = plannedPlays('mixed').find((candidate) => candidate.choices.length >= 4 && candidate.choices.some((choice) => choice.kind === 'breath')) ?? plannedPlays('mixed')[0];
if (!found) throw new Error('no plays');
const play = found;
const { scenario, choices } = play;
const overall = play.expected.overall;

function decisionsOf(target: Scenario, made: readonly Choice[]): Decision[] {
  const replayed = replayChoices(target, made);
  if (!replayed.ok) throw new Error(replayed.error);
  return replayed.state.decisions.map((decision, index) => ({ ...decision, at: T0 + (index + 1) * STEP_MS }));
}

/** A reporter over a client that stores what it is sent; `fail(n)` makes the next n PUTs fail as `error` does. */
function session(overrides: Partial<Cmi5ReporterOptions> = {}) {
  const sent: XapiStatement[] = [];
  const states: DeliveryState[] = [];
  const clock = { now: T0 };
  let failures: Error[] = [];
  let terminated = 0;
  const reporter = new Cmi5Reporter({
    session: { launch: LAUNCH, contextTemplate: TEMPLATE, sessionKey: '0f9a1c2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b', language: 'en' },
    client: {
      put: async (statement) => {
        const failure = failures.shift();
        if (failure) throw failure;
        if (!sent.some((earlier) => earlier.id === statement.id)) sent.push(statement);
      },
    },
    scenarioId: scenario.id,
    recording: true,
    mastery: 0.7,
    already: { completed: false, passed: false },
    now: () => clock.now,
    onDelivery: (state) => states.push(state),
    onTerminated: () => terminated++,
    retryMs: () => 1,
    ...overrides,
  });
  const playThrough = () => {
    reporter.begun({ scenario, seed: 3, choices: [], attemptId: 'attempt-1' });
    const decisions = decisionsOf(scenario, choices);
    decisions.forEach((decision, index) => {
      clock.now = decision.at;
      reporter.decided(decision, index === decisions.length - 1 ? play.expected.outcome : null);
    });
  };
  return { reporter, sent, states, clock, playThrough, fail: (...errors: Error[]) => (failures = errors), terminatedCount: () => terminated };
}

const expected = { registration: LAUNCH.registration, activityId: LAUNCH.activityId, account: LAUNCH.actor.account, contextTemplate: TEMPLATE, scenario, choices };

describe('cmi5 session statements', () => {
  it('sends initialized, each decision as an allowed statement, completed, passed or failed against the mastery score, and terminated, valid and in order', async () => {
    const { reporter, sent, playThrough, terminatedCount } = session();
    playThrough();
    await reporter.settled;
    expectCmi5Session(sent, { ...expected, mastery: 0.7 });
    expect(verbsOf(sent).at(-2)).toBe(overall >= 70 ? 'passed' : 'failed');
    expect(terminatedCount()).toBe(1);
    // Duration on completed: from initialized to the end of the conversation.
    expect(sent.find((statement) => statement.verb.id.endsWith('/completed'))?.result?.duration).toBe(`PT${(choices.length * STEP_MS) / 1000}S`);
  });

  it('judges by the mastery score: one point below fails, at it passes', async () => {
    for (const [mastery, verb] of [[overall / 100, 'passed'], [(overall + 1) / 100, 'failed']] as const) {
      const { reporter, sent, playThrough } = session({ mastery });
      playThrough();
      await reporter.settled;
      expectCmi5Session(sent, { ...expected, mastery });
      expect(verbsOf(sent).at(-2)).toBe(verb);
    }
  });

  it('sends completed but neither passed nor failed when the session judges nothing', async () => {
    const { reporter, sent, playThrough } = session({ mastery: undefined });
    playThrough();
    await reporter.settled;
    expectCmi5Session(sent, expected);
  });

  it('in Browse or Review sends initialized and terminated only', async () => {
    const { reporter, sent, playThrough } = session({ recording: false });
    playThrough();
    await reporter.settled;
    expect(verbsOf(sent)).toEqual(['initialized', 'terminated']);
  });

  it('never sends a second completed or passed in a registration, nor failed after passed', async () => {
    const { reporter, sent, playThrough } = session({ already: { completed: true, passed: true }, mastery: 0 });
    playThrough();
    await reporter.settled;
    expect(verbsOf(sent)).toEqual(['initialized', ...choices.map((choice) => (choice.kind === 'breath' ? 'took-a-breath' : 'answered')), 'terminated']);
  });

  it('a window closing mid-conversation sends terminated after the decisions so far, and nothing after it', async () => {
    const { reporter, sent, playThrough } = session();
    reporter.begun({ scenario, seed: 3, choices: [], attemptId: 'attempt-1' });
    reporter.decided(decisionsOf(scenario, choices)[0] as Decision, null);
    reporter.leaving();
    playThrough();
    await reporter.settled;
    expect(verbsOf(sent)).toEqual(['initialized', choices[0]?.kind === 'breath' ? 'took-a-breath' : 'answered', 'terminated']);
  });

  it('"Start over" mid-conversation: the new conversation\'s decisions are stored beside the first one\'s, and its ending is the one judged', async () => {
    const { reporter, sent, playThrough } = session();
    reporter.begun({ scenario, seed: 3, choices: [], attemptId: 'attempt-0' });
    for (const decision of decisionsOf(scenario, choices).slice(0, 2)) reporter.decided(decision, null);
    playThrough();
    await reporter.settled;
    const decisionVerbs = (made: readonly Choice[]) => made.map((choice) => (choice.kind === 'breath' ? 'took-a-breath' : 'answered'));
    expect(verbsOf(sent)).toEqual(['initialized', ...decisionVerbs(choices.slice(0, 2)), ...decisionVerbs(choices), 'completed', overall >= 70 ? 'passed' : 'failed', 'terminated']);
    expectCmi5Session([sent[0], ...sent.slice(3)], { ...expected, mastery: 0.7 });
  });

  it('ignores attempts of other scenarios, played from the menu', async () => {
    const other = plannedPlays('mixed').find((candidate) => candidate.scenario.id !== scenario.id);
    if (!other) throw new Error('one scenario only');
    const { reporter, sent } = session();
    reporter.begun({ scenario: other.scenario, seed: 1, choices: [] });
    reporter.decided(decisionsOf(other.scenario, other.choices)[0] as Decision, null);
    await reporter.settled;
    expect(verbsOf(sent)).toEqual(['initialized']);
  });

  it('keeps a statement that did not get through and sends it again, once, in order; tells the trainee while it waits', async () => {
    const { reporter, sent, states, playThrough, fail } = session();
    fail(new Cmi5Error('unreachable', 'down', true), new Cmi5Error('unreachable', 'down', true));
    playThrough();
    await reporter.settled;
    expectCmi5Session(sent, { ...expected, mastery: 0.7 });
    expect(states).toEqual([{ kind: 'retrying', detail: 'down' }, { kind: 'ok' }]);
  });

  it('a statement refused for good is reported and skipped; the rest still go', async () => {
    const { reporter, sent, states, playThrough, fail } = session();
    fail(new Cmi5Error('refused', 'the LMS answered 403'));
    playThrough();
    await reporter.settled;
    expect(verbsOf(sent)[0]).not.toBe('initialized');
    expect(verbsOf(sent).at(-1)).toBe('terminated');
    expect(states).toEqual([{ kind: 'refused', detail: 'the LMS answered 403' }]);
  });
});

describe('the context template', () => {
  it('is merged whole: its values win, activity lists are joined without repeats, extensions added, the registration is the launch\'s', () => {
    const own: XapiContext = {
      registration: 'other',
      language: 'en',
      contextActivities: { parent: [{ objectType: 'Activity', id: 'p' }], grouping: [{ objectType: 'Activity', id: 'g' }], category: [{ objectType: 'Activity', id: CMI5_IRIS.category }] },
      extensions: { mine: 1, [CMI5_IRIS.sessionId]: 'forged' },
    };
    const template: XapiContext = { platform: 'LMS', contextActivities: { grouping: [{ objectType: 'Activity', id: 'publisher' }, { objectType: 'Activity', id: 'g' }] }, extensions: { [CMI5_IRIS.sessionId]: 's-1' } };
    expect(withTemplate(own, template, LAUNCH.registration)).toEqual({
      registration: LAUNCH.registration,
      language: 'en',
      platform: 'LMS',
      contextActivities: { parent: [{ objectType: 'Activity', id: 'p' }], grouping: [{ objectType: 'Activity', id: 'publisher' }, { objectType: 'Activity', id: 'g' }], category: [{ objectType: 'Activity', id: CMI5_IRIS.category }] },
      extensions: { mine: 1, [CMI5_IRIS.sessionId]: 's-1' },
    });
  });
});

describe('the cmi5 client', () => {
  const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('POSTs the fetch URL once and puts the token in every xAPI request as Basic authorization', async () => {
    const calls: { url: string; method: string; auth: string | null }[] = [];
    const client = cmi5Client(LAUNCH, {
      fetch: async (input, init) => {
        calls.push({ url: String(input), method: init?.method ?? 'GET', auth: new Headers(init?.headers).get('authorization') });
        return String(input) === LAUNCH.fetchUrl ? reply(200, { 'auth-token': 'dG9rZW4=' }) : reply(200, { launchMode: 'Normal' });
      },
    });
    await client.fetchToken();
    await expect(client.fetchToken()).rejects.toThrow('the fetch URL is used once per launch');
    await client.launchData();
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual({ url: LAUNCH.fetchUrl, method: 'POST', auth: null });
    expect(calls[1]?.auth).toBe('Basic dG9rZW4=');
    const state = new URL(calls[1]?.url ?? '');
    expect(`${state.origin}${state.pathname}`).toBe(`${LAUNCH.endpoint}activities/state`);
    expect(Object.fromEntries(state.searchParams)).toEqual({ stateId: 'LMS.LaunchData', activityId: LAUNCH.activityId, agent: JSON.stringify(LAUNCH.actor), registration: LAUNCH.registration });
  });

  it('tells a used fetch URL (error code 1) from other refusals and from an LMS that does not answer', async () => {
    const kindOf = async (answer: () => Promise<Response>) => {
      const error = await cmi5Client(LAUNCH, { fetch: answer }).fetchToken().catch((caught: unknown) => caught);
      return error instanceof Cmi5Error ? error.kind : 'no error';
    };
    expect(await kindOf(async () => reply(200, { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' }))).toBe('fetch-used');
    expect(await kindOf(async () => reply(200, { 'error-code': '2', 'error-text': 'bad' }))).toBe('fetch-refused');
    expect(await kindOf(async () => reply(500, {}))).toBe('fetch-refused');
    expect(await kindOf(() => Promise.reject(new TypeError('fetch failed')))).toBe('unreachable');
  });

  it('PUTs each statement under its own id; a 409 (already stored) counts as sent, a 5xx is worth another try, a 401 is not', async () => {
    let status = 204;
    const client = cmi5Client(LAUNCH, { fetch: async () => new Response(null, { status }) });
    await client.fetchToken().catch(() => undefined);
    const statement = { id: 'f00dfeed-0000-4000-8000-000000000000', verb: { id: 'x', display: { 'en-US': 'x' } } } as unknown as XapiStatement;
    // No token: a programming error, not a network one.
    await expect(client.put(statement)).rejects.toThrow('the auth token is fetched first');
    const withToken = cmi5Client(LAUNCH, { fetch: async (input) => (String(input) === LAUNCH.fetchUrl ? reply(200, { 'auth-token': 't' }) : new Response(null, { status })) });
    await withToken.fetchToken();
    await withToken.put(statement);
    status = 409;
    await withToken.put(statement);
    status = 503;
    await expect(withToken.put(statement)).rejects.toMatchObject({ kind: 'unreachable', transient: true });
    status = 401;
    await expect(withToken.put(statement)).rejects.toMatchObject({ kind: 'refused', transient: false });
  });
});
