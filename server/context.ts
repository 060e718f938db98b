import type { Kysely } from 'kysely';
import type { SignInLimits } from './auth/signInLimit.ts';
import { createCohortStore } from './db/cohortStore.ts';
import { createDashboardStore } from './db/dashboardStore.ts';
import { createNotesStore } from './db/notesStore.ts';
import { createPrivacyStore } from './db/privacyStore.ts';
import { createReportStore } from './db/reportStore.ts';
import type { Database } from './db/schema.ts';
import { createStaffStore } from './db/staffStore.ts';
import { createStore } from './db/store.ts';
import { createTraineeStore } from './db/traineeStore.ts';
import { createLiveResultsStore } from './live/resultsStore.ts';
import { createLiveCoordination } from './live/coordination.ts';
import { createRoomStore } from './live/roomStore.ts';
import type { ScenarioSource } from './scenarios.ts';
import type { SessionOptions } from './session.ts';

/** The stores, one per part of the data, over one database. */
export function createStores(db: Kysely<Database>) {
  return {
    store: createStore(db),
    staff: createStaffStore(db),
    trainees: createTraineeStore(db),
    cohorts: createCohortStore(db),
    privacy: createPrivacyStore(db),
    dashboard: createDashboardStore(db),
    reports: createReportStore(db),
    notes: createNotesStore(db),
    live: createRoomStore(db),
    liveCoordination: createLiveCoordination(db),
    liveResults: createLiveResultsStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;

/** What every route group needs: the stores and the server's settings. */
export interface RouteContext extends Stores {
  scenarios: ScenarioSource;
  sessions: SessionOptions;
  /** The time as the server sees it: injectable, so tests can age tokens and records. */
  clock: () => Date;
  /** The origin links are built on (HTL_PUBLIC_URL), else each request's own. */
  publicUrl: string | undefined;
  signInLimits: SignInLimits;
  /** Requests per minute per address on the public trainee endpoints (join, continue, new trainee). */
  publicRequestsPerMinute: number;
  /** A live room with no event for this long is ended (HTL_LIVE_IDLE_HOURS). */
  liveIdleMs: number;
  /** Whether results go on to the department's LRS (and with typed names or not): the privacy notices say so. */
  lrs: LrsSharing | null;
}

export interface LrsSharing {
  names: boolean;
}
