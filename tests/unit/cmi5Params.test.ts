import { describe, expect, it } from 'vitest';
import { isCmi5Launch, judging, parseLaunchData, parseLaunchParameters, passes, urlPassMark, type LaunchData } from '../../client/lms/cmi5Params.ts';

const PAGE = 'https://lms.example.com/content/htl/index.html?scenario=night-milk&lang=en&pass=70';
const ACTOR = { objectType: 'Agent', name: 'Jane Doe', account: { homePage: 'https://lms.example.com', name: 'learner-1' } };
const REGISTRATION = '1b0e8c2a-9d4f-4e6b-8a3c-5f7d9e1a2b3c';

function launchParams(overrides: Record<string, string | null> = {}): URLSearchParams {
  const params = new URLSearchParams({
    scenario: 'night-milk',
    endpoint: 'https://lms.example.com/xapi',
    fetch: 'https://lms.example.com/cmi5/fetch/abc123',
    actor: JSON.stringify(ACTOR),
    registration: REGISTRATION,
    activityId: 'https://lms.example.com/activities/au/42',
  });
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  return params;
}

const data = (overrides: Partial<Record<keyof LaunchData, unknown>> = {}) => ({ contextTemplate: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' } }, launchMode: 'Normal', moveOn: 'CompletedAndPassed', ...overrides });

describe('cmi5 launch parameters', () => {
  it('reads the five parameters the LMS adds, the endpoint ending in a slash and relative URLs resolved against the page', () => {
    const parsed = parseLaunchParameters(launchParams({ fetch: '/cmi5/fetch/abc123' }), PAGE);
    expect(parsed).toEqual({
      ok: true,
      value: { endpoint: 'https://lms.example.com/xapi/', fetchUrl: 'https://lms.example.com/cmi5/fetch/abc123', actor: ACTOR, registration: REGISTRATION, activityId: 'https://lms.example.com/activities/au/42' },
    });
    expect(isCmi5Launch(launchParams())).toBe(true);
    // A SCORM launch is not a cmi5 one.
    expect(isCmi5Launch(new URLSearchParams({ scenario: 'night-milk', lms: 'scorm2004' }))).toBe(false);
  });

  it('refuses a launch missing or garbling any of them, saying which', () => {
    const error = (overrides: Record<string, string | null>) => {
      const parsed = parseLaunchParameters(launchParams(overrides), PAGE);
      return parsed.ok ? 'accepted' : parsed.error;
    };
    expect(error({ endpoint: null })).toBe('the launch URL has no usable endpoint');
    expect(error({ endpoint: 'javascript:alert(1)' })).toBe('the launch URL has no usable endpoint');
    expect(error({ fetch: null })).toBe('the launch URL has no usable fetch URL');
    expect(error({ actor: '{"mbox":"mailto:a@example.com"}' })).toBe('the launch URL has no actor with an account');
    expect(error({ actor: 'not json' })).toBe('the launch URL has no actor with an account');
    expect(error({ actor: JSON.stringify({ ...ACTOR, objectType: 'Group' }) })).toBe('the launch URL has no actor with an account');
    expect(error({ registration: 'registration-1' })).toBe('the launch URL has no registration UUID');
    expect(error({ activityId: null })).toBe('the launch URL has no activityId IRI');
    expect(error({ activityId: 'not an iri' })).toBe('the launch URL has no activityId IRI');
  });

  it('keeps only an account and a name from the actor', () => {
    const parsed = parseLaunchParameters(launchParams({ actor: JSON.stringify({ account: ACTOR.account, mbox: 'mailto:x@example.com' }) }), PAGE);
    expect(parsed.ok && parsed.value.actor).toEqual({ objectType: 'Agent', account: ACTOR.account });
  });
});

describe('LMS.LaunchData', () => {
  it('reads the context template, launch mode, mastery score, move-on and return URL', () => {
    expect(parseLaunchData(data({ masteryScore: 0.8, returnURL: 'https://lms.example.com/course/7' }))).toEqual({
      ok: true,
      value: { contextTemplate: data().contextTemplate, launchMode: 'Normal', moveOn: 'CompletedAndPassed', masteryScore: 0.8, returnURL: 'https://lms.example.com/course/7' },
    });
  });

  it('refuses a document that breaks the specification, saying what', () => {
    const error = (json: unknown) => {
      const parsed = parseLaunchData(json);
      return parsed.ok ? 'accepted' : parsed.error;
    };
    expect(error('text')).toBe('LMS.LaunchData is not a JSON object');
    expect(error(data({ contextTemplate: undefined }))).toBe('LMS.LaunchData has no contextTemplate');
    expect(error(data({ launchMode: 'normal' }))).toBe('LMS.LaunchData has an unknown launchMode "normal"');
    expect(error(data({ moveOn: 'Anything' }))).toBe('LMS.LaunchData has an unknown moveOn "Anything"');
    expect(error(data({ masteryScore: 80 }))).toBe('LMS.LaunchData has a masteryScore outside 0–1');
    expect(error(data({ masteryScore: '0.8' }))).toBe('LMS.LaunchData has a masteryScore outside 0–1');
    expect(error(data({ returnURL: 5 }))).toBe('LMS.LaunchData has a returnURL that is not a string');
  });
});

describe('judging', () => {
  const launchData = (overrides: Partial<Record<keyof LaunchData, unknown>>) => {
    const parsed = parseLaunchData(data(overrides));
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  };

  it("holds the trainee to the LMS's mastery score, whatever the package said", () => {
    expect(judging(launchData({ masteryScore: 0.85 }), 70)).toEqual({ mastery: 0.85 });
    expect(judging(launchData({ masteryScore: 0.85, moveOn: 'Completed' }), 70)).toEqual({ mastery: 0.85 });
  });

  it("falls back to the package's pass mark only when move-on asks for a pass, and judges nothing in Browse or Review", () => {
    expect(judging(launchData({ moveOn: 'Passed' }), 60)).toEqual({ mastery: 0.6 });
    expect(judging(launchData({ moveOn: 'CompletedOrPassed' }), undefined)).toEqual({ mastery: 0.7 });
    expect(judging(launchData({ moveOn: 'Completed' }), 60)).toBeUndefined();
    expect(judging(launchData({ moveOn: 'NotApplicable' }), 60)).toBeUndefined();
    expect(judging(launchData({ launchMode: 'Browse', masteryScore: 0.5 }), 60)).toBeUndefined();
    expect(judging(launchData({ launchMode: 'Review', masteryScore: 0.5 }), 60)).toBeUndefined();
  });

  it('passes at exactly the mastery score, compared scaled (0.57 × 100 is 56.99… in floating point)', () => {
    expect(passes(57, 0.57)).toBe(true);
    expect(passes(56, 0.57)).toBe(false);
    expect(passes(70, 0.7)).toBe(true);
    expect(passes(100, 1)).toBe(true);
    expect(passes(0, 0)).toBe(true);
  });

  it("reads the package's own pass mark from the URL only when it is a whole number from 0 to 100", () => {
    expect(urlPassMark(new URLSearchParams('pass=80'))).toBe(80);
    expect(urlPassMark(new URLSearchParams('pass=101'))).toBeUndefined();
    expect(urlPassMark(new URLSearchParams('pass=7.5'))).toBeUndefined();
    expect(urlPassMark(new URLSearchParams(''))).toBeUndefined();
  });
});
