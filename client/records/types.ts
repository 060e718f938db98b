import type { Attempt, AttemptRecord, Choice, ConversationState, Decision, Outcome, Scenario } from '../../src/index.ts';

// What the records store promises its callers: the problems it reports, what it offers to resume, how an attempt begins, and who may follow attempts.

/**
 * What went wrong with the records, each with its own message on screen: no IndexedDB (or it
 * would not open), a database from a newer game, stored records that could not be used (damaged,
 * hand-edited, newer), an unfinished attempt of a scenario that has changed since, and writes
 * refused for lack of room or otherwise. None of them stops the game.
 */
export type RecordsProblem = 'unavailable' | 'newer' | 'skipped' | 'newerRecords' | 'scenarioChanged' | 'full' | 'failed' | SyncProblem;

/** The team server would not take an attempt's queued records (counted per attempt); they stay on the device. */
export type SyncProblem = 'syncRefused' | 'syncSignedOut' | 'syncDiverged';

/** An unfinished attempt the menu can offer to resume, checked against the scenario as it is now. */
export interface Resumable {
  record: AttemptRecord;
  scenario: Scenario;
  /** Its decisions with their real times. */
  attempt: Attempt;
  /** Where the conversation stands: the customer's line the trainee left at. */
  state: ConversationState;
  choices: Choice[];
}

export interface AttemptBeginning {
  /** The trainee's name as on the menu: it picks the profile. */
  trainee: string;
  scenario: Scenario;
  language: string;
  seed: number;
  startedAt: number;
  /** Decisions replayed from an earlier attempt before this one starts ("try again from here"). */
  prefix: readonly Decision[];
}

/** Follows attempts as the game makes them, whatever reaches the database: an LMS reporter (client/lms) does. */
export interface AttemptWatcher {
  /** A new or resumed attempt, with the choices already made before the trainee takes over. */
  begun(attemptId: string, start: { scenario: Scenario; seed: number; choices: readonly Choice[] }): void;
  decided(attemptId: string, decision: Decision, outcome: Outcome | null): void;
}
