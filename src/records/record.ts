import { replayChoices, type Choice, type ConversationState, type Decision } from '../engine/rules.ts';
import { OUTCOMES, type Outcome } from '../rubric.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Attempt } from './attempt.ts';

/**
 * Trainee records as stored on a device (and later sent to a team server): plain data with a
 * schema version on every record, so a reader can tell a damaged or hand-edited record, and one
 * written by a newer version of the game, from one it can use. Nothing here knows where the
 * records live; ids come from an injected source.
 *
 * - A profile is one trainee on this device, by name.
 * - An attempt is one play of one scenario: what it needs to be replayed (scenario version, seed)
 *   and its outcome once it has one. Its id is a UUID, fixed on the device.
 * - A decision is stored as its own record the moment it is made, keyed by (attempt id, index),
 *   so an attempt's decisions are 0…n−1 with no gaps and a repeated write is the same record.
 */
export const RECORD_SCHEMA_VERSION = 1;

export interface ProfileRecord {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  id: string;
  /** The trainee's name as typed on the menu (cleaned); '' for a trainee who gave none. */
  name: string;
  createdAt: number;
}

export type AttemptStatus = 'open' | 'ended';

/** What an attempt is, before anything is played: which scenario and version, in which language, by whom, with which seed. */
type AttemptIdentity = Pick<Attempt, 'scenario' | 'scenarioVersion' | 'language' | 'trainee' | 'seed' | 'startedAt'>;

export interface AttemptRecord extends AttemptIdentity {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  id: string;
  profileId: string;
  /** When the last decision (or the outcome) was written. */
  updatedAt: number;
  /** Decisions before this index were replayed from an earlier attempt ("try again from here"), not played here. */
  replayedPrefix: number;
  /** How many decisions the attempt had when it was last written. */
  decisionCount: number;
  status: AttemptStatus;
  outcome: Outcome | null;
}

export interface DecisionRecord extends Decision {
  schemaVersion: typeof RECORD_SCHEMA_VERSION;
  attemptId: string;
  /** 0 for the attempt's first decision; with the attempt id, the decision's id. */
  index: number;
}

/** Why a stored record cannot be used: unreadable or inconsistent, edited so the rules disagree with it, or written by a newer game. */
export type RecordProblem = 'corrupt' | 'edited' | 'newer';

export type RecordCheck<T> = { ok: true; record: T } | { ok: false; problem: RecordProblem; reason: string };

export interface AttemptStart extends AttemptIdentity {
  profileId: string;
  /** Decisions the attempt starts with (a replayed prefix); stored with it as its first decisions. */
  replayedPrefix?: number;
}

export function newProfileRecord(id: string, name: string, createdAt: number): ProfileRecord {
  return { schemaVersion: RECORD_SCHEMA_VERSION, id, name, createdAt };
}

export function newAttemptRecord(id: string, start: AttemptStart): AttemptRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id,
    profileId: start.profileId,
    scenario: start.scenario,
    scenarioVersion: start.scenarioVersion,
    language: start.language,
    trainee: start.trainee,
    seed: start.seed,
    startedAt: start.startedAt,
    updatedAt: start.startedAt,
    replayedPrefix: start.replayedPrefix ?? 0,
    decisionCount: start.replayedPrefix ?? 0,
    status: 'open',
    outcome: null,
  };
}

export function decisionRecord(attemptId: string, index: number, decision: Decision): DecisionRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    attemptId,
    index,
    choice: decision.choice,
    node: decision.node,
    at: decision.at,
    moodBefore: decision.moodBefore,
    moodAfter: decision.moodAfter,
    composureBefore: decision.composureBefore,
    composureAfter: decision.composureAfter,
  };
}

/** The attempt after one more decision (and the outcome, if that decision ended the conversation). */
export function withDecision(attempt: AttemptRecord, index: number, at: number, outcome: Outcome | null): AttemptRecord {
  return { ...attempt, updatedAt: at, decisionCount: Math.max(attempt.decisionCount, index + 1), status: outcome === null ? 'open' : 'ended', outcome };
}

// ——— Reading stored records ———

type Fields = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const MAX_ID = 64;
const MAX_TEXT = 120;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId: Check = (value) => typeof value === 'string' && value.length > 0 && value.length <= MAX_ID;
const isText: Check = (value) => typeof value === 'string' && value.length <= MAX_TEXT;
const isCount: Check = (value) => Number.isSafeInteger(value) && (value as number) >= 0;
const isTime: Check = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isPercent: Check = (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100;
const isSeed: Check = (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
const isOutcome: Check = (value) => value === null || (OUTCOMES as readonly unknown[]).includes(value);
const isChoice: Check = (value) =>
  isObject(value) &&
  ((value.kind === 'reply' && isId(value.reply) && Object.keys(value).length === 2) || ((value.kind === 'breath' || value.kind === 'silence') && Object.keys(value).length === 1));

const PROFILE_FIELDS: Record<Exclude<keyof ProfileRecord, 'schemaVersion'>, Check> = { id: isId, name: isText, createdAt: isTime };
const ATTEMPT_FIELDS: Record<Exclude<keyof AttemptRecord, 'schemaVersion'>, Check> = {
  id: isId,
  profileId: isId,
  scenario: isId,
  scenarioVersion: isCount,
  language: (value) => typeof value === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value),
  trainee: isText,
  seed: isSeed,
  startedAt: isTime,
  updatedAt: isTime,
  replayedPrefix: isCount,
  decisionCount: isCount,
  status: (value) => value === 'open' || value === 'ended',
  outcome: isOutcome,
};
const DECISION_FIELDS: Record<Exclude<keyof DecisionRecord, 'schemaVersion'>, Check> = {
  attemptId: isId,
  index: isCount,
  choice: isChoice,
  node: isId,
  at: isTime,
  moodBefore: isPercent,
  moodAfter: isPercent,
  composureBefore: isPercent,
  composureAfter: isPercent,
};

/** Checks a stored value field by field; the reason names the first field that is wrong. */
function readRecord<T>(kind: string, value: unknown, fields: Record<string, Check>): RecordCheck<T> {
  if (!isObject(value)) return { ok: false, problem: 'corrupt', reason: `the ${kind} record is not an object` };
  const version = value.schemaVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > RECORD_SCHEMA_VERSION) {
    return { ok: false, problem: 'newer', reason: `the ${kind} record has schema version ${version}; this game reads up to ${RECORD_SCHEMA_VERSION}` };
  }
  if (version !== RECORD_SCHEMA_VERSION) return { ok: false, problem: 'corrupt', reason: `the ${kind} record has no valid schema version` };
  for (const [name, check] of Object.entries(fields)) {
    if (!check(value[name])) return { ok: false, problem: 'corrupt', reason: `the ${kind} record's "${name}" is missing or invalid` };
  }
  const extra = Object.keys(value).find((name) => name !== 'schemaVersion' && !(name in fields));
  if (extra !== undefined) return { ok: false, problem: 'corrupt', reason: `the ${kind} record has an unknown field "${extra}"` };
  return { ok: true, record: value as T };
}

export const readProfileRecord = (value: unknown) => readRecord<ProfileRecord>('profile', value, PROFILE_FIELDS);

export function readAttemptRecord(value: unknown): RecordCheck<AttemptRecord> {
  const read = readRecord<AttemptRecord>('attempt', value, ATTEMPT_FIELDS);
  if (!read.ok) return read;
  const attempt = read.record;
  if ((attempt.status === 'ended') !== (attempt.outcome !== null)) return { ok: false, problem: 'corrupt', reason: `the attempt is "${attempt.status}" with outcome ${String(attempt.outcome)}` };
  if (attempt.updatedAt < attempt.startedAt) return { ok: false, problem: 'corrupt', reason: 'the attempt was updated before it started' };
  if (attempt.replayedPrefix > attempt.decisionCount) return { ok: false, problem: 'corrupt', reason: 'the attempt replays more decisions than it has' };
  return read;
}

export const readDecisionRecord = (value: unknown) => readRecord<DecisionRecord>('decision', value, DECISION_FIELDS);

/**
 * An attempt and its stored decisions as one `Attempt`, after checking each record and that the
 * decisions belong to it and run 0…n−1 without gaps. The attempt may have more decisions than its
 * `decisionCount` says (the tab closed between two writes), never fewer.
 */
export function assembleAttempt(attemptValue: unknown, decisionValues: readonly unknown[]): RecordCheck<{ record: AttemptRecord; attempt: Attempt }> {
  const read = readAttemptRecord(attemptValue);
  if (!read.ok) return read;
  const record = read.record;
  const decisions: DecisionRecord[] = [];
  for (const value of decisionValues) {
    const decision = readDecisionRecord(value);
    if (!decision.ok) return decision;
    decisions.push(decision.record);
  }
  decisions.sort((a, b) => a.index - b.index);
  for (const [position, decision] of decisions.entries()) {
    if (decision.attemptId !== record.id) return { ok: false, problem: 'corrupt', reason: `decision ${decision.index + 1} belongs to another attempt` };
    if (decision.index !== position) return { ok: false, problem: 'corrupt', reason: `decision ${position + 1} is missing` };
  }
  if (decisions.length < record.decisionCount) return { ok: false, problem: 'corrupt', reason: `the attempt has ${record.decisionCount} decisions but only ${decisions.length} are stored` };
  const attempt: Attempt = {
    schemaVersion: 1,
    scenario: record.scenario,
    scenarioVersion: record.scenarioVersion,
    language: record.language,
    trainee: record.trainee,
    seed: record.seed,
    startedAt: record.startedAt,
    decisions: decisions.map(({ choice, node, at, moodBefore, moodAfter, composureBefore, composureAfter }) => ({ choice, node, at, moodBefore, moodAfter, composureBefore, composureAfter })),
    outcome: record.outcome,
  };
  return { ok: true, record: { record, attempt } };
}

/** Where a stored attempt stands under the scenario as it is now. */
export type ReplayCheck =
  | { ok: true; state: ConversationState; choices: Choice[] }
  | { ok: false; problem: 'edited'; reason: string }
  /** A valid record of an earlier version of the scenario: kept, but it cannot be continued. */
  | { ok: false; problem: 'scenarioChanged'; reason: string };

const DECISION_NUMBERS = ['node', 'moodBefore', 'moodAfter', 'composureBefore', 'composureAfter'] as const;

/**
 * Replays an attempt's choices through the rules (with its seed) and compares every stored
 * decision with what the rules make of it: a record whose numbers or outcome the rules do not
 * reproduce was edited (or damaged) and is not continued or scored.
 */
export function checkAttemptReplay(scenario: Scenario, attempt: Attempt): ReplayCheck {
  if (attempt.scenario !== scenario.id) return { ok: false, problem: 'edited', reason: `the attempt is for scenario "${attempt.scenario}", not "${scenario.id}"` };
  if (attempt.scenarioVersion !== scenario.version) {
    return { ok: false, problem: 'scenarioChanged', reason: `the attempt was played on version ${attempt.scenarioVersion} of "${scenario.id}", which is now version ${scenario.version}` };
  }
  const choices = attempt.decisions.map((decision) => decision.choice);
  let mismatch = null as string | null;
  const replayed = replayChoices(scenario, choices, attempt.seed, ({ index, after }) => {
    const stored = attempt.decisions[index];
    const made = after.decisions[index];
    if (mismatch !== null || !stored || !made) return;
    const field = DECISION_NUMBERS.find((name) => stored[name] !== made[name]);
    if (field !== undefined) mismatch = `decision ${index + 1}: stored ${field} is ${String(stored[field])}, the rules give ${String(made[field])}`;
  });
  if (!replayed.ok) return { ok: false, problem: 'edited', reason: replayed.error };
  if (mismatch !== null) return { ok: false, problem: 'edited', reason: mismatch };
  if (attempt.outcome !== replayed.state.outcome) {
    return { ok: false, problem: 'edited', reason: `the stored outcome is ${String(attempt.outcome)}, the rules give ${String(replayed.state.outcome)}` };
  }
  return { ok: true, state: replayed.state, choices };
}
