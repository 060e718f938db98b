import { Scorm12API, Scorm2004API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import { scormRuntime, type ScormVersion } from '../../client/lms/api.ts';
import { isoDuration, lmsPassMark, scorm12Timespan } from '../../client/lms/cmi.ts';
import { ScormReporter, verdictOf } from '../../client/lms/reporter.ts';
import { decodeSuspendData } from '../../client/lms/suspend.ts';
import { replayChoices, type Choice, type Decision, type DecisionReview, type Scenario } from '../../src/index.ts';
import { plannedPlays } from '../e2e/plans.ts';
import { expectReportOf, summariseCmi } from '../e2e/scormCmi.ts';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const STEP_MS = 1500;

/** A real SCORM runtime (the LMS's side) in Node, optionally holding data from an earlier session. */
function lms(version: ScormVersion, stored: Record<string, unknown> = {}) {
  const api = version === '1.2' ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  api.loadFromJSON(stored);
  return api;
}

/** The decisions a game would pass on, one every STEP_MS. */
function decisionsOf(scenario: Scenario, choices: readonly Choice[]): Decision[] {
  const replayed = replayChoices(scenario, choices);
  if (!replayed.ok) throw new Error(replayed.error);
  return replayed.state.decisions.map((decision, index) => ({ ...decision, at: T0 + (index + 1) * STEP_MS }));
}

function reporterOn(api: ReturnType<typeof lms>, version: ScormVersion, scenarioId: string, clock: { now: number }, pass = 70) {
  const runtime = scormRuntime(version, api);
  expect(runtime.initialize()).toBe(true);
  return new ScormReporter({ runtime, scenarioId, pass, now: () => clock.now });
}

const play = plannedPlays('mixed').find((candidate) => candidate.choices.length >= 5) ?? plannedPlays('mixed')[0];
if (!play) throw new Error('no plays');
const { scenario, choices } = play;

describe.each(['1.2', '2004'] as const)('SCORM %s reporter against scorm-again', (version) => {
  it('reports every decision, the skills, the score and pass or fail as the core scores them, then terminates', () => {
    const api = lms(version);
    const clock = { now: T0 };
    const reporter = reporterOn(api, version, scenario.id, clock);
    reporter.begun({ scenario, seed: 5, choices: [] });
    const decisions = decisionsOf(scenario, choices);
    decisions.forEach((decision, index) => {
      clock.now = decision.at;
      reporter.decided(decision, index === decisions.length - 1 ? play.expected.outcome : null);
    });
    const summary = summariseCmi(version, api.renderCMIToJSONObject());
    expectReportOf(version, summary, scenario, choices, 70);
    expect(summary.interactions[0]?.latency).toBe(version === '1.2' ? '00:00:01.5' : 'PT1.5S');
    // scorm-again keeps SCORM 1.2 timespans in its own normalised form (00:00:10.5).
    const [hours, minutes, seconds] = summary.sessionTime.split(':').map(Number);
    expect(version === '1.2' ? (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0) : summary.sessionTime).toBe(version === '1.2' ? (decisions.length * STEP_MS) / 1000 : isoDuration(decisions.length * STEP_MS));
    expect(summary.exit).toBe(version === '1.2' ? '' : 'normal');
    expect(api.isTerminated()).toBe(true);
    // After Terminate nothing more is reported (a replay from the debrief is practice).
    reporter.begun({ scenario, seed: 6, choices: [] });
    expect(summariseCmi(version, api.renderCMIToJSONObject()).interactions).toHaveLength(choices.length);
  });

  it('suspends on leaving mid-conversation, and a relaunch with the stored data appends the rest to the same journal', () => {
    const first = lms(version);
    const clock = { now: T0 };
    const reporter = reporterOn(first, version, scenario.id, clock);
    reporter.begun({ scenario, seed: 9, choices: [] });
    const decisions = decisionsOf(scenario, choices);
    decisions.slice(0, 2).forEach((decision) => reporter.decided(decision, null));
    reporter.leaving();
    const stored = first.renderCMIToJSONObject() as { cmi: Record<string, unknown> };
    const suspended = summariseCmi(version, stored);
    expect(suspended.exit).toBe('suspend');
    expect(suspended.status.completion).toBe('incomplete');
    expect(decodeSuspendData(scenario, suspended.suspendData)).toEqual({ seed: 9, choices: choices.slice(0, 2) });

    // The LMS's relaunch: the same data, entry "resume".
    const entry = version === '1.2' ? { core: { ...(stored.cmi.core as object), entry: 'resume' } } : { entry: 'resume' };
    const second = lms(version, { ...stored.cmi, ...entry });
    const resumed = reporterOn(second, version, scenario.id, clock);
    expect(second.getCMIValue(version === '1.2' ? 'cmi.core.entry' : 'cmi.entry')).toBe('resume');
    resumed.begun({ scenario, seed: 9, choices: choices.slice(0, 2) });
    decisions.slice(2).forEach((decision, index) => resumed.decided(decision, index === decisions.length - 3 ? play.expected.outcome : null));
    expectReportOf(version, summariseCmi(version, second.renderCMIToJSONObject()), scenario, choices, 70);
  });

  it('never takes a finished status back when a finished SCO is launched again; the next ending overwrites it', () => {
    const stored = version === '1.2' ? { core: { lesson_status: 'passed' } } : { completion_status: 'completed', success_status: 'passed' };
    const api = lms(version, stored);
    const reporter = reporterOn(api, version, scenario.id, { now: T0 }, 100);
    reporter.begun({ scenario, seed: 2, choices: [] });
    const started = summariseCmi(version, api.renderCMIToJSONObject());
    expect(started.status.completion).toBe(version === '1.2' ? 'passed' : 'completed');
    expect(started.exit).toBe('suspend');
    const decisions = decisionsOf(scenario, choices);
    decisions.forEach((decision, index) => reporter.decided(decision, index === decisions.length - 1 ? play.expected.outcome : null));
    expectReportOf(version, summariseCmi(version, api.renderCMIToJSONObject()), scenario, choices, 100);
  });

  it('ignores attempts of other scenarios, played from the menu', () => {
    const api = lms(version);
    const other = plannedPlays('best').find((candidate) => candidate.scenario.id !== scenario.id);
    if (!other) throw new Error('one scenario only');
    const reporter = reporterOn(api, version, scenario.id, { now: T0 });
    reporter.begun({ scenario: other.scenario, seed: 1, choices: [] });
    decisionsOf(other.scenario, other.choices).forEach((decision) => reporter.decided(decision, null));
    expect(summariseCmi(version, api.renderCMIToJSONObject()).interactions).toEqual([]);
  });
});

describe('CMI values', () => {
  it('formats durations as each version wants them', () => {
    expect(scorm12Timespan(0)).toBe('0000:00:00.00');
    expect(scorm12Timespan(3_723_456)).toBe('0001:02:03.46');
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(3_723_456)).toBe('PT1H2M3.46S');
    expect(isoDuration(59_999)).toBe('PT1M0S');
  });

  it('reads the LMS pass mark: SCORM 1.2 as 0–100, SCORM 2004 scaled, and nothing when it is empty or nonsense', () => {
    expect(lmsPassMark('1.2', '80')).toBe(80);
    expect(lmsPassMark('2004', '0.85')).toBe(85);
    expect(lmsPassMark('1.2', '')).toBeUndefined();
    expect(lmsPassMark('2004', '')).toBeUndefined();
    expect(lmsPassMark('2004', '-0.5')).toBeUndefined();
    expect(lmsPassMark('1.2', 'abc')).toBeUndefined();
  });

  it('calls a weak decision incorrect, a good one correct, and one where every move was worth the same neutral', () => {
    const review = (quality: number, expert: number, worst: number) => ({ quality, totals: { chosen: 0, expert, worst } }) as DecisionReview;
    expect(verdictOf(review(0.59, 6, -3))).toBe('incorrect');
    expect(verdictOf(review(0.6, 6, -3))).toBe('correct');
    expect(verdictOf(review(1, 2, 2))).toBe('neutral');
  });
});
