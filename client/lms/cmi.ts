import { SKILLS, type Skill, type SkillVector } from '../../src/index.ts';
import type { ScormVersion } from './api.ts';

/**
 * Where each fact goes in the two data models, as (element, value) pairs: the one place that
 * knows SCORM 1.2's names and formats from SCORM 2004's (docs/lms.md has the same as a table).
 */

export type Pairs = [element: string, value: string][];

/** A decision's verdict: weak (below the core's WEAK_BELOW) is incorrect; where every move was as good as another, neutral. */
export type Verdict = 'correct' | 'incorrect' | 'neutral';

export interface DecisionFacts {
  /** Decision number in the conversation, from 1. */
  number: number;
  node: string;
  /** The reply id, or breath, or silence. */
  response: string;
  verdict: Verdict;
  latencyMs: number;
  /** Wall-clock milliseconds when it was made. */
  at: number;
  /** The skills this move changed, each an objective of the interaction. */
  skills: readonly Skill[];
  /** What the trainee said, for SCORM 2004's description. */
  said?: string;
}

export interface OutcomeFacts {
  overall: number;
  skills: SkillVector;
  passed: boolean;
  /** Pass mark 0–100, which each skill objective is held to as well. */
  pass: number;
  skillNames?: Partial<Record<Skill, string>>;
}

export const ELEMENTS = {
  '1.2': {
    entry: 'cmi.core.entry',
    exit: 'cmi.core.exit',
    sessionTime: 'cmi.core.session_time',
    mastery: 'cmi.student_data.mastery_score',
    interactionCount: 'cmi.interactions._count',
    completion: 'cmi.core.lesson_status',
    mode: 'cmi.core.lesson_mode',
  },
  '2004': {
    entry: 'cmi.entry',
    exit: 'cmi.exit',
    sessionTime: 'cmi.session_time',
    mastery: 'cmi.scaled_passing_score',
    interactionCount: 'cmi.interactions._count',
    completion: 'cmi.completion_status',
    mode: 'cmi.mode',
  },
} as const;

/** An LMS showing an attempt for review (or browsing) records nothing: the SCO then only initialises and terminates. */
export const isRecordingMode = (mode: string) => mode !== 'review' && mode !== 'browse';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** SCORM 1.2 CMITimespan, HHHH:MM:SS.SS. */
export function scorm12Timespan(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const seconds = Math.floor(centis / 100) % 60;
  const minutes = Math.floor(centis / 6000) % 60;
  const hours = Math.min(9999, Math.floor(centis / 360000));
  return `${pad(hours, 4)}:${pad(minutes)}:${pad(seconds)}.${pad(centis % 100)}`;
}

/** SCORM 2004 timeinterval (ISO 8601 duration) to the hundredth of a second, PT1H2M3.45S. */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor(centis / 6000) % 60;
  const seconds = (centis % 6000) / 100;
  return `PT${hours > 0 ? `${hours}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${seconds}S`;
}

export const sessionTime = (version: ScormVersion, ms: number) => (version === '1.2' ? scorm12Timespan(ms) : isoDuration(ms));

/** When a decision was made: SCORM 1.2 a time of day (CMITime), SCORM 2004 a timestamp to the hundredth of a second. */
function when(version: ScormVersion, at: number): string {
  const iso = new Date(at).toISOString();
  return version === '1.2' ? iso.slice(11, 19) : iso.replace(/(\.\d{2})\dZ$/, '$1Z');
}

const RESULT_12: Record<Verdict, string> = { correct: 'correct', incorrect: 'wrong', neutral: 'neutral' };

/** One decision as interaction `n`. */
export function interactionPairs(version: ScormVersion, n: number, facts: DecisionFacts): Pairs {
  const base = `cmi.interactions.${n}`;
  const pairs: Pairs = [
    [`${base}.id`, `decision-${facts.number}-${facts.node}`],
    [`${base}.type`, 'choice'],
    ...facts.skills.map((skill, m): [string, string] => [`${base}.objectives.${m}.id`, skill]),
  ];
  if (version === '1.2') {
    pairs.push([`${base}.time`, when(version, facts.at)], [`${base}.student_response`, facts.response], [`${base}.result`, RESULT_12[facts.verdict]], [`${base}.latency`, scorm12Timespan(facts.latencyMs)]);
  } else {
    pairs.push([`${base}.timestamp`, when(version, facts.at)], [`${base}.learner_response`, facts.response], [`${base}.result`, facts.verdict], [`${base}.latency`, isoDuration(facts.latencyMs)]);
    if (facts.said) pairs.push([`${base}.description`, facts.said.slice(0, 250)]);
  }
  return pairs;
}

/**
 * The start of a conversation: resumable if the window closes, and incomplete unless the LMS
 * already holds a finished one (a status is never taken back; the next ending overwrites it).
 */
export function startedPairs(version: ScormVersion, currentStatus: string): Pairs {
  const exit: [string, string] = [ELEMENTS[version].exit, 'suspend'];
  const unfinished = ['', 'not attempted', 'unknown', 'incomplete'].includes(currentStatus);
  return unfinished ? [[ELEMENTS[version].completion, 'incomplete'], exit] : [exit];
}

/**
 * The end: score, pass or fail, completion, and each skill as objective `objectiveIndex(skill)`.
 * Suspend data is emptied, so a later launch starts a new conversation instead of resuming this one.
 */
export function outcomePairs(version: ScormVersion, facts: OutcomeFacts, objectiveIndex: (skill: Skill) => number): Pairs {
  const status = facts.passed ? 'passed' : 'failed';
  const objectives = SKILLS.flatMap((skill): Pairs => {
    const base = `cmi.objectives.${objectiveIndex(skill)}`;
    const score = facts.skills[skill];
    const skillStatus = score >= facts.pass ? 'passed' : 'failed';
    const common: Pairs = [[`${base}.id`, skill], [`${base}.score.raw`, String(score)], [`${base}.score.min`, '0'], [`${base}.score.max`, '100']];
    if (version === '1.2') return [...common, [`${base}.status`, skillStatus]];
    const name = facts.skillNames?.[skill];
    return [...common, [`${base}.score.scaled`, String(score / 100)], [`${base}.success_status`, skillStatus], [`${base}.completion_status`, 'completed'], ...(name ? [[`${base}.description`, name.slice(0, 250)] as [string, string]] : [])];
  });
  const score = String(facts.overall);
  if (version === '1.2') {
    return [['cmi.core.score.raw', score], ['cmi.core.score.min', '0'], ['cmi.core.score.max', '100'], ['cmi.core.lesson_status', status], ...objectives, ['cmi.suspend_data', ''], ['cmi.core.exit', '']];
  }
  return [
    ['cmi.score.raw', score],
    ['cmi.score.min', '0'],
    ['cmi.score.max', '100'],
    ['cmi.score.scaled', String(facts.overall / 100)],
    ['cmi.completion_status', 'completed'],
    ['cmi.success_status', status],
    ...objectives,
    ['cmi.suspend_data', ''],
    ['cmi.exit', 'normal'],
  ];
}

/** The LMS's own pass mark as 0–100, when it gives one: SCORM 1.2's mastery score, or SCORM 2004's scaled passing score × 100. */
export function lmsPassMark(version: ScormVersion, value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) return undefined;
  const mark = version === '1.2' ? number : number * 100;
  return mark >= 0 && mark <= 100 ? mark : undefined;
}
