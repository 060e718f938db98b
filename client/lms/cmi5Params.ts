import type { XapiAgent, XapiContext } from '../../src/index.ts';

/**
 * What a cmi5 LMS hands the AU (the cmi5 specification, Quartz, sections 8 and 10): the five
 * launch parameters in the URL, and the LMS.LaunchData document it wrote in the LRS's state API
 * before the launch. Pure parsing, so tests/unit/cmi5Params.test.ts holds every rule here.
 */

export interface Cmi5LaunchParameters {
  /** The LMS's xAPI endpoint, ending in a slash. */
  endpoint: string;
  /** The one-time URL the auth token is POSTed for. */
  fetchUrl: string;
  actor: XapiAgent;
  registration: string;
  /** The AU's activity id: the object of every cmi5 defined statement. */
  activityId: string;
}

export type LaunchMode = 'Normal' | 'Browse' | 'Review';
export const MOVE_ON = ['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'] as const;
export type MoveOn = (typeof MOVE_ON)[number];

export interface LaunchData {
  /** Merged into every statement the AU sends: the publisher id grouping and the session id, at least. */
  contextTemplate: XapiContext;
  launchMode: LaunchMode;
  /** 0–1, when the LMS set one. */
  masteryScore?: number;
  moveOn: MoveOn;
  returnURL?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The launch carries cmi5 parameters (the game then loads the cmi5 code instead of SCORM's). */
export const isCmi5Launch = (params: URLSearchParams) => params.has('endpoint') && params.has('fetch');

function absoluteUrl(text: string | null, base: string): URL | undefined {
  if (text === null) return undefined;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** cmi5 requires an Agent with an account (9.2); the name is kept if the LMS sent one. */
function parseActor(text: string | null): XapiAgent | undefined {
  let actor: unknown;
  try {
    actor = JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
  if (typeof actor !== 'object' || actor === null) return undefined;
  const { objectType, name, account } = actor as { objectType?: unknown; name?: unknown; account?: { homePage?: unknown; name?: unknown } };
  if ((objectType !== undefined && objectType !== 'Agent') || typeof account?.homePage !== 'string' || typeof account.name !== 'string') return undefined;
  return { objectType: 'Agent', ...(typeof name === 'string' ? { name } : {}), account: { homePage: account.homePage, name: account.name } };
}

/** The URL's launch parameters; relative URLs resolve against the page, as a browser would. */
export function parseLaunchParameters(params: URLSearchParams, pageUrl: string): Parsed<Cmi5LaunchParameters> {
  const endpoint = absoluteUrl(params.get('endpoint'), pageUrl);
  if (!endpoint) return { ok: false, error: 'the launch URL has no usable endpoint' };
  const fetchUrl = absoluteUrl(params.get('fetch'), pageUrl);
  if (!fetchUrl) return { ok: false, error: 'the launch URL has no usable fetch URL' };
  const actor = parseActor(params.get('actor'));
  if (!actor) return { ok: false, error: 'the launch URL has no actor with an account' };
  const registration = params.get('registration') ?? '';
  if (!UUID.test(registration)) return { ok: false, error: 'the launch URL has no registration UUID' };
  const activityId = params.get('activityId');
  if (!absoluteUrl(activityId, 'invalid:')) return { ok: false, error: 'the launch URL has no activityId IRI' };
  const base = endpoint.href.endsWith('/') ? endpoint.href : `${endpoint.href}/`;
  return { ok: true, value: { endpoint: base, fetchUrl: fetchUrl.href, actor, registration, activityId: activityId as string } };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** LMS.LaunchData as the state API returned it; contextTemplate, launchMode and moveOn are required (10.2). */
export function parseLaunchData(json: unknown): Parsed<LaunchData> {
  if (!isObject(json)) return { ok: false, error: 'LMS.LaunchData is not a JSON object' };
  const { contextTemplate, launchMode, masteryScore, moveOn, returnURL } = json;
  if (!isObject(contextTemplate)) return { ok: false, error: 'LMS.LaunchData has no contextTemplate' };
  if (launchMode !== 'Normal' && launchMode !== 'Browse' && launchMode !== 'Review') return { ok: false, error: `LMS.LaunchData has an unknown launchMode "${String(launchMode)}"` };
  if (!(MOVE_ON as readonly unknown[]).includes(moveOn)) return { ok: false, error: `LMS.LaunchData has an unknown moveOn "${String(moveOn)}"` };
  if (masteryScore !== undefined && (typeof masteryScore !== 'number' || !(masteryScore >= 0 && masteryScore <= 1))) return { ok: false, error: 'LMS.LaunchData has a masteryScore outside 0–1' };
  if (returnURL !== undefined && typeof returnURL !== 'string') return { ok: false, error: 'LMS.LaunchData has a returnURL that is not a string' };
  return {
    ok: true,
    value: { contextTemplate: contextTemplate as XapiContext, launchMode, moveOn: moveOn as MoveOn, ...(masteryScore === undefined ? {} : { masteryScore }), ...(returnURL ? { returnURL } : {}) },
  };
}

/** A pass mark (0–100) from the package's URL, when it carries a usable one. */
export function urlPassMark(params: URLSearchParams): number | undefined {
  const text = params.get('pass');
  return text !== null && /^\d{1,3}$/.test(text) && Number(text) <= 100 ? Number(text) : undefined;
}

/**
 * Whether this session judges the trainee (sends passed or failed), and against what (0–1): the
 * LMS's masteryScore when it has one, which the AU must honour (9.3.4); else the package's own
 * pass mark, when the LMS's moveOn asks for a pass. Browse and Review judge nothing (10.2.2).
 */
export function judging(data: LaunchData, packagePass: number | undefined): { mastery: number } | undefined {
  if (data.launchMode !== 'Normal') return undefined;
  if (data.masteryScore !== undefined) return { mastery: data.masteryScore };
  const needsPass = data.moveOn === 'Passed' || data.moveOn === 'CompletedAndPassed' || data.moveOn === 'CompletedOrPassed';
  return needsPass ? { mastery: (packagePass ?? DEFAULT_PASS) / 100 } : undefined;
}

/** The pass mark a hand-written launch without one gets; the packages always carry theirs. */
export const DEFAULT_PASS = 70;

/** Passed when the scaled score reaches the mastery score; compared scaled, as the LMS will (0.57 × 100 is not 57 in floating point). */
export const passes = (overall: number, mastery: number) => overall / 100 >= mastery;
