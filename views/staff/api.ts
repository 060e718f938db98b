/**
 * The team server's staff API, as this page calls it. Every failure becomes an ApiFailure with a
 * kind the page can word for people (messages.ts); nothing here shows text.
 */

export type Role = 'admin' | 'manager' | 'trainer';

export interface StaffMember {
  id: string;
  username: string;
  role: Role;
}

export interface StaffAccount extends StaffMember {
  disabled: boolean;
}

export interface Cohort {
  id: string;
  name: string;
  joinCode: string;
  joinLink: string;
  traineeCount: number;
  createdAt: number;
}

export interface ServerScore {
  overall: number;
}

export interface TraineeAttempt {
  id: string;
  scenario: string;
  startedAt: number;
  outcome: string | null;
  decisionCount: number;
  score: ServerScore | null;
}

export interface CohortTrainee {
  id: string;
  name: string;
  createdAt: number;
  attempts: TraineeAttempt[];
}

/** 400 is `invalid` (the request's shape), 409 `taken` (a username in use), 422 `refused` (well formed, but not possible: a spent link). */
export type FailureKind = 'offline' | 'noServer' | 'unauthorized' | 'rateLimited' | 'notFound' | 'invalid' | 'taken' | 'refused' | 'server';

export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly kind: FailureKind,
    readonly status: number,
    /** The server's one-line reason, in English; shown only where nothing better can be said. */
    readonly reason: string,
    /** For 429: whole minutes until another try is allowed. */
    readonly retryMinutes = 0,
  ) {
    super(`${status} ${reason}`);
  }
}

function kindOf(status: number): FailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rateLimited';
  if (status === 404) return 'notFound';
  if (status === 400) return 'invalid';
  if (status === 409) return 'taken';
  if (status >= 500) return 'server';
  return 'refused';
}

/** Retry-After in seconds (or an HTTP date) as whole minutes, at least one. */
function retryMinutes(header: string | null): number {
  if (!header) return 1;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : 1;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure('offline', 0, 'the server cannot be reached');
  }
  // A proxy's error page when the server is down is not JSON: that is "cannot be reached" too.
  if (response.status === 502 || response.status === 503 || response.status === 504) throw new ApiFailure('offline', response.status, 'the server cannot be reached');
  if (response.status === 204) return undefined as T; // 204: nothing to read
  // Not the API's JSON (a static server's page, or its 404): no team server serves this page.
  if (!response.headers.get('content-type')?.includes('application/json')) throw new ApiFailure('noServer', response.status, 'no team server answers here');
  const data: unknown = await response.json().catch(() => undefined);
  if (response.ok) return data as T;
  const reason = typeof data === 'object' && data !== null && typeof (data as { error?: unknown }).error === 'string' ? (data as { error: string }).error : response.statusText;
  throw new ApiFailure(kindOf(response.status), response.status, reason, response.status === 429 ? retryMinutes(response.headers.get('retry-after')) : 0);
}

/**
 * Who is signed in as staff, from the data block the team server writes into the pages it serves
 * (server/pages.ts): null for nobody, undefined where the block does not say, or says it is a
 * service worker's cached copy (`fresh: false`): then GET /api/staff/me is asked.
 */
export function signedInStaff(): StaffMember | null | undefined {
  try {
    const data: unknown = JSON.parse(document.getElementById('team-server')?.textContent ?? 'null');
    if (typeof data !== 'object' || data === null || !('staff' in data) || (data as { fresh?: unknown }).fresh !== true) return undefined;
    const staff = (data as { staff: unknown }).staff;
    if (staff === null) return null;
    const { id, username, role } = staff as Partial<StaffMember>;
    return typeof id === 'string' && typeof username === 'string' && (role === 'admin' || role === 'manager' || role === 'trainer') ? { id, username, role } : undefined;
  } catch {
    return undefined;
  }
}

export const api = {
  setupNeeded: () => call<{ needed: boolean }>('GET', '/setup').then((result) => result.needed),
  setup: (token: string, username: string, password: string) => call<StaffMember>('POST', '/setup', { token, username, password }),
  signIn: (username: string, password: string) => call<StaffMember>('POST', '/staff/sign-in', { username, password }),
  signOut: () => call<undefined>('POST', '/staff/sign-out'),
  /** The signed-in staff member, or null when nobody is. */
  me: () =>
    call<StaffMember>('GET', '/staff/me').catch((error: unknown) => {
      if (error instanceof ApiFailure && error.kind === 'unauthorized') return null;
      throw error;
    }),
  setPassword: (token: string, password: string) => call<StaffMember>('POST', '/staff/password', { token, password }),

  accounts: () => call<{ accounts: StaffAccount[] }>('GET', '/staff/accounts').then((result) => result.accounts),
  createAccount: (username: string, role: Role) => call<StaffMember & { link: string }>('POST', '/staff/accounts', { username, role }),
  resetLink: (id: string) => call<{ link: string }>('POST', `/staff/accounts/${encodeURIComponent(id)}/reset-link`).then((result) => result.link),
  disableAccount: (id: string) => call<undefined>('POST', `/staff/accounts/${encodeURIComponent(id)}/disable`),

  retentionDays: () => api.privacy().then((result) => result.retentionDays),
  privacy: () => call<{ retentionDays: number | null; lrs: { names: boolean } | null }>('GET', '/privacy'),
  setRetentionDays: (days: number | null) => call<{ retentionDays: number | null }>('PUT', '/settings/retention', { days }).then((result) => result.retentionDays),

  cohorts: () => call<{ cohorts: Cohort[] }>('GET', '/cohorts').then((result) => result.cohorts),
  createCohort: (name: string) => call<Cohort>('POST', '/cohorts', { name }),
  trainees: (cohortId: string) => call<{ trainees: CohortTrainee[] }>('GET', `/cohorts/${encodeURIComponent(cohortId)}/trainees`).then((result) => result.trainees),
  removeTrainee: (id: string) => call<undefined>('DELETE', `/trainees/${encodeURIComponent(id)}`),
};
