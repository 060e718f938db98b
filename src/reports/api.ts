import type { Choice } from '../engine/rules.ts';
import type { SkillVector } from '../rubric.ts';
import type { AttemptFacts, TraineeSummary } from './cohort.ts';
import type { ScenarioReport } from './scenario.ts';

/**
 * The dashboard's wire shapes: what the team server's /api/dashboard answers and what the
 * dashboard reads, whether from the server or from a device's own records. Times are milliseconds.
 */

export interface TraineeRef {
  id: string;
  name: string;
  cohortId: string;
  cohortName: string;
}

export type CohortRow = TraineeSummary & Omit<TraineeRef, 'id'>;

export interface CohortResponse {
  trainees: CohortRow[];
}

export interface DecisionDetail {
  index: number;
  node: string;
  choice: Choice;
  /** The device's wall clock, milliseconds. */
  at: number;
  moodBefore: number;
  moodAfter: number;
  composureBefore: number;
  composureAfter: number;
  /** Share of what was possible at this decision, 0–1. */
  quality: number;
  weak: boolean;
  teaches: string[];
  better: { reply: string | null } | null;
  skills: SkillVector;
}

export type AttemptDetail = AttemptFacts & { scenarioVersion: number; decisionCount: number; decisions: DecisionDetail[] };

export interface CoachingNote {
  id: string;
  text: string;
  /** The staff member's username. */
  author: string;
  createdAt: number;
}

/** Skills and overall, normalised as an attempt's are; null without a reviewed decision. */
export interface LiveScore {
  skills: SkillVector | null;
  overall: number | null;
}

/** What a trainee takes away from one live session: their votes judged, and their own moves in the hot seat. */
export interface LiveResult extends LiveScore {
  /** Decisions they voted on. */
  votes: number;
  /** Null if they never voted from the hot seat. */
  hotSeat: (LiveScore & { decisions: number; followed: number }) | null;
}

/** One live session in a trainee's record. */
export interface LiveSessionRow extends LiveResult {
  roomId: string;
  /** When the room ended, milliseconds. */
  endedAt: number;
  /** The scenarios the room played, in order. */
  scenarios: string[];
}

export interface TraineeResponse {
  trainee: TraineeRef;
  attempts: AttemptDetail[];
  /** Most missed first: a principle is missed when a weak decision's review teaches it. */
  principles: { principle: string; missed: number }[];
  notes: CoachingNote[];
  /** Live sessions they took part in from a signed-in phone, oldest first (a team server's only). */
  live?: LiveSessionRow[];
}

export type ScenarioResponse = ScenarioReport & { scenario: string };

export interface AttemptExportRow {
  attemptId: string;
  traineeId: string;
  trainee: string;
  cohort: string;
  scenario: string;
  scenarioVersion: number;
  language: string;
  /** ISO 8601. */
  startedAt: string;
  outcome: string | null;
  overall: number;
  calm: number;
  notPersonal: number;
  empathy: number;
  concreteFix: number;
  decisions: number;
}

export interface DecisionExportRow {
  attemptId: string;
  trainee: string;
  scenario: string;
  index: number;
  node: string;
  /** choiceKey: the reply id, `breath` or `silence`. */
  choice: string;
  quality: number;
  weak: boolean;
  moodBefore: number;
  moodAfter: number;
  /** The principles the decision's review teaches, joined by `;`. */
  principles: string;
}

export interface ExportResponse {
  attempts: AttemptExportRow[];
  decisions: DecisionExportRow[];
}
