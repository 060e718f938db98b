import type { ColumnType, Generated } from 'kysely';
import type { Choice, LiveEvent, LiveResult, SessionSummary, SkillVector } from '../../src/index.ts';

/**
 * The tables as Kysely sees them; migrations.ts creates them. Timestamps are timestamptz (read
 * back as Date); wall-clock milliseconds sent by a device are float8 so both drivers return numbers.
 */

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type StaffRole = 'admin' | 'manager' | 'trainer';

export interface StaffTable {
  id: string;
  username: string;
  password_hash: string;
  role: StaffRole;
  created_at: CreatedAt;
  disabled_at: Date | null;
}

export interface CohortTable {
  id: string;
  name: string;
  /** What a trainee types, or finds in the join link, to join. */
  join_code: string;
  manager_id: string | null;
  created_at: CreatedAt;
}

export interface TraineeTable {
  id: string;
  /** As typed, stored as text: never markup, never a formula. */
  name: string;
  cohort_id: string | null;
  created_at: CreatedAt;
}

/** A signed-in browser: a trainee's or a staff member's, never both. Only the token's hash is stored. */
export interface SessionTable {
  token_hash: string;
  trainee_id: string | null;
  staff_id: string | null;
  created_at: CreatedAt;
  expires_at: Date;
}

/** Every scenario version the server has served, by the hash of its checked JSON. */
export interface ScenarioVersionTable {
  hash: string;
  scenario_id: string;
  version: number;
  content: Json<unknown>;
  first_seen_at: CreatedAt;
}

export interface AttemptTable {
  /** Chosen by the device, so a retried upload is the same attempt. */
  id: string;
  trainee_id: string;
  scenario_hash: string;
  seed: number;
  language: string;
  /** The device's wall clock when the attempt began. */
  started_at: Date;
  outcome: string | null;
  created_at: CreatedAt;
}

/** One move; mood and composure are what the server's replay computed, not what the device said. */
export interface DecisionTable {
  attempt_id: string;
  index: number;
  /** Chosen by the device, so a retried upload is recognised as the same decision. */
  client_id: string;
  choice: Json<Choice>;
  node: string;
  /** The device's wall clock, milliseconds. */
  at: number;
  mood_before: number;
  mood_after: number;
  composure_before: number;
  composure_after: number;
  received_at: CreatedAt;
  /** The core's review when the decision was recorded (DecisionReview); null only until the start-up backfill reviews an older decision. */
  quality: number | null;
  teaches: NullableJson<string[]>;
  better: NullableJson<{ reply: string | null }>;
  skills: NullableJson<SkillVector>;
}

/** Scores the server computed itself; a new scoring version adds rows instead of overwriting history. */
export interface ScoreTable {
  attempt_id: string;
  /** The attempt's trainee, copied so reports read a trainee's scores in one index range. */
  trainee_id: string;
  scoring_version: number;
  scenario_hash: string;
  calm: number;
  not_personal: number;
  empathy: number;
  concrete_fix: number;
  overall: number;
  outcome: string | null;
  decision_count: number;
  computed_at: Date;
}

/** A trainer's live room (docs/live.md, "Server"); its code opens it while `ended_at` is null. */
export interface LiveRoomTable {
  id: string;
  code: string;
  trainer_id: string;
  cohort_id: string | null;
  created_at: CreatedAt;
  ended_at: Date | null;
  /** Saved once when the room ends (docs/live.md, "Results"). */
  summary: NullableJson<SessionSummary>;
}

/** A room's participant who is a cohort trainee, and their result once the room has ended. */
export interface LiveTraineeTable {
  room_id: string;
  participant_id: string;
  trainee_id: string;
  result: NullableJson<LiveResult>;
}

/** One accepted event of a live room's log, numbered from 1 without gaps. */
export interface LiveEventTable {
  room_id: string;
  seq: number;
  event: Json<LiveEvent>;
}

/** xAPI statements waiting for (or delivered to) an external LRS. */
export interface XapiOutboxTable {
  id: Generated<number>;
  trainee_id: string;
  attempt_id: string | null;
  statement: Json<unknown>;
  created_at: CreatedAt;
  sent_at: Date | null;
  tries: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

export type TokenPurpose = 'first-admin' | 'staff-reset' | 'continue-code';

/** A link or code usable once: the first admin's, a staff member's set-password link, a trainee's continue code. Only the hash is stored. */
export interface OneTimeTokenTable {
  token_hash: string;
  purpose: TokenPurpose;
  staff_id: string | null;
  trainee_id: string | null;
  created_at: CreatedAt;
  /** Null: valid until used (the first-admin link, voided by the next start instead). */
  expires_at: Date | null;
  used_at: Date | null;
}

/** A failed staff sign-in, kept for the rate limit: in the database, so every instance counts the same failures. */
export interface SignInFailureTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: CreatedAt;
}

/** A manager's note to a trainee, shown on the trainee's progress page; stored as typed, shown as text. */
export interface CoachingNoteTable {
  id: string;
  trainee_id: string;
  author_id: string;
  text: string;
  created_at: CreatedAt;
}

/** The admin's settings: one row. */
export interface SettingsTable {
  id: number;
  /** Days an attempt and an inactive trainee are kept; null keeps them until deleted. */
  retention_days: number | null;
}

export interface Database {
  staff: StaffTable;
  cohorts: CohortTable;
  trainees: TraineeTable;
  sessions: SessionTable;
  scenario_versions: ScenarioVersionTable;
  attempts: AttemptTable;
  decisions: DecisionTable;
  scores: ScoreTable;
  live_rooms: LiveRoomTable;
  live_events: LiveEventTable;
  live_trainees: LiveTraineeTable;
  xapi_outbox: XapiOutboxTable;
  one_time_tokens: OneTimeTokenTable;
  sign_in_failures: SignInFailureTable;
  settings: SettingsTable;
  coaching_notes: CoachingNoteTable;
}
