import { Scorm12API, Scorm2004API } from 'scorm-again';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findApi } from '../../client/lms/api.ts';
import { connectLms } from '../../client/lms/launch.ts';
import { encodeSuspendData } from '../../client/lms/suspend.ts';
import type { AttemptWatcher } from '../../client/records/store.ts';
import { replayChoices, type Decision } from '../../src/index.ts';
import { plannedPlays } from '../e2e/plans.ts';
import { summariseCmi } from '../e2e/scormCmi.ts';

/** A window as the finder sees it: its own properties, a parent (itself at the top) and an opener. */
function frame(own: Record<string, unknown> = {}, parent?: Window, opener?: Window): Window {
  const window = { ...own, opener: opener ?? null } as unknown as Window & { parent: Window };
  window.parent = parent ?? window;
  return window;
}

describe('finding the LMS API (the standard\'s search)', () => {
  it('looks in this window, then up the parents, then in the opener and its parents', () => {
    const api = { LMSInitialize: () => 'true' };
    expect(findApi('1.2', frame({ API: api }))).toBe(api);
    expect(findApi('1.2', frame({}, frame({}, frame({ API: api }))))).toBe(api);
    expect(findApi('2004', frame({}, undefined, frame({}, frame({ API_1484_11: api }))))).toBe(api);
    expect(findApi('2004', frame({ API: api }))).toBeUndefined();
  });

  it('stops at a frame of another origin, and after the standard\'s number of parents', () => {
    const foreign = new Proxy({}, { get: () => { throw new DOMException('Blocked a frame', 'SecurityError'); } }) as Window;
    expect(findApi('1.2', frame({}, foreign))).toBeUndefined();
    let top = frame({ API: {} });
    for (let depth = 0; depth < 8; depth++) top = frame({}, top);
    expect(findApi('1.2', top)).toBeUndefined();
    expect(findApi('2004', frame({}, frame({}, frame({ API_1484_11: {} }))))).toBeDefined();
  });
});

const play = plannedPlays('mixed').find(({ scenario, choices }) => !scenario.timer && choices.length >= 3);
if (!play) throw new Error('no plan');
const { scenario, choices } = play;

/** connectLms in Node: a window holding the LMS's API, pagehide listeners kept, and the record store's watcher caught. */
function launchWith(api: object | undefined, query: string) {
  const listeners: (() => void)[] = [];
  vi.stubGlobal('window', { ...(api ? { API: api, API_1484_11: api } : {}), opener: null, get parent() { return this; }, addEventListener: (type: string, listener: () => void) => type === 'pagehide' && listeners.push(listener) });
  const watchers: AttemptWatcher[] = [];
  const launched = connectLms(new URLSearchParams(query), {
    records: { watch: (watcher) => (watchers.push(watcher), () => undefined) },
    loadScenario: async () => scenario,
    t: ((key: string) => key) as never,
    now: () => 1000,
  });
  return { launched, watchers, pagehide: () => listeners.forEach((listener) => listener()) };
}

const decisions = (): Decision[] => {
  const replayed = replayChoices(scenario, choices);
  if (!replayed.ok) throw new Error(replayed.error);
  return replayed.state.decisions;
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('a SCORM launch', () => {
  it('plays the scenario unreported when no LMS is found, and says so as a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { launched, watchers } = launchWith(undefined, `scenario=${scenario.id}&lms=scorm12`);
    expect(await launched).toEqual({ scenarioId: scenario.id });
    expect(watchers).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('No SCORM API found'));
  });

  it('uses the URL\'s pass mark when the LMS has none, and reports decisions of the attempt it watches only', async () => {
    const api = new Scorm12API({ logLevel: 5 });
    const { launched, watchers } = launchWith(api, `scenario=${scenario.id}&lms=scorm12&pass=100`);
    expect(await launched).toEqual({ scenarioId: scenario.id });
    const [watcher] = watchers;
    watcher?.begun('attempt-1', { scenario, seed: 3, choices: [] });
    decisions().forEach((decision, index) => {
      watcher?.decided('another-attempt', decision, null);
      watcher?.decided('attempt-1', decision, index === choices.length - 1 ? play.expected.outcome : null);
    });
    const summary = summariseCmi('1.2', api.renderCMIToJSONObject());
    expect(summary.interactions).toHaveLength(choices.length);
    // Only a perfect score passes a pass mark of 100.
    expect(summary.status.success).toBe(play.expected.overall === 100 ? 'passed' : 'failed');
  });

  it('resumes from suspend data with its seed, unless the LMS says the attempt starts afresh; pagehide suspends', async () => {
    const suspend = encodeSuspendData(scenario, 77, choices.slice(0, 2));
    const resumed = new Scorm2004API({ logLevel: 5 });
    resumed.loadFromJSON({ entry: 'resume', suspend_data: suspend });
    const first = launchWith(resumed, `scenario=${scenario.id}&lms=scorm2004`);
    expect(await first.launched).toEqual({ scenarioId: scenario.id, seed: 77, prefix: choices.slice(0, 2) });
    first.watchers[0]?.begun('attempt-2', { scenario, seed: 77, choices: choices.slice(0, 2) });
    first.pagehide();
    expect(summariseCmi('2004', resumed.renderCMIToJSONObject())).toMatchObject({ exit: 'suspend', suspendData: suspend });
    expect(resumed.isTerminated()).toBe(true);

    // An attempt the LMS shows for review records nothing, and only terminates on leaving.
    const review = new Scorm2004API({ logLevel: 5 });
    review.loadFromJSON({ mode: 'review', entry: 'resume', suspend_data: suspend });
    const reviewed = launchWith(review, `scenario=${scenario.id}&lms=scorm2004`);
    expect(await reviewed.launched).toEqual({ scenarioId: scenario.id });
    expect(reviewed.watchers).toEqual([]);
    reviewed.pagehide();
    expect(review.isTerminated()).toBe(true);
    expect(summariseCmi('2004', review.renderCMIToJSONObject()).exit).toBe('');

    const fresh = new Scorm2004API({ logLevel: 5 });
    fresh.loadFromJSON({ entry: 'ab-initio', suspend_data: suspend });
    expect(await launchWith(fresh, `scenario=${scenario.id}&lms=scorm2004`).launched).toEqual({ scenarioId: scenario.id });
  });
});
