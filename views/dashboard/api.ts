import type { CoachingNote, CohortResponse, ExportResponse, ScenarioResponse, TraineeResponse } from '../../src/index.ts';
import { call, type Cohort } from '../staff/api.ts';

/** The team server's dashboard API (docs/api.md), with the staff page's error handling: every failure is an ApiFailure. */
export const dashboardApi = {
  cohorts: () => call<{ cohorts: Cohort[] }>('GET', '/cohorts').then((result) => result.cohorts),
  cohort: (search: string) => call<CohortResponse>('GET', `/dashboard/cohort${search}`),
  trainee: (id: string, search: string) => call<TraineeResponse>('GET', `/dashboard/trainees/${encodeURIComponent(id)}${search}`),
  scenario: (id: string, search: string) => call<ScenarioResponse>('GET', `/dashboard/scenarios/${encodeURIComponent(id)}${search}`),
  exportRows: (search: string) => call<ExportResponse>('GET', `/dashboard/export${search}`),
  addNote: (traineeId: string, text: string) => call<CoachingNote>('POST', `/dashboard/trainees/${encodeURIComponent(traineeId)}/notes`, { text }),
  deleteNote: (id: string) => call<undefined>('DELETE', `/dashboard/notes/${encodeURIComponent(id)}`),
  /** The signed-in trainee's own notes. */
  myNotes: () => call<{ notes: CoachingNote[] }>('GET', '/me/notes').then((result) => result.notes),
};
