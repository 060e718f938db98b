import { readTeamTrainee, type TeamTrainee } from './teamServer.ts';

/**
 * A trainee's account on the team server, as the menu uses it: what a join code opens, joining,
 * a code to continue on another device, using one, and deleting everything. Each call answers
 * with what it got or with why not, in words the menu can translate; none throws.
 */

/** Why a call did not work: no answer (offline, server down), an unknown or used code, too many tries, a name the server refused, a session the server no longer knows, or anything else. */
export type AccountProblem = 'offline' | 'unknownCode' | 'wrongCode' | 'tooMany' | 'badName' | 'signedOut' | 'failed';

export type AccountResult<T> = { ok: true; value: T } | { ok: false; problem: AccountProblem };

interface Answer {
  status: number;
  body: unknown;
}

async function call(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<Answer | undefined> {
  try {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: response.status === 204 ? undefined : await response.json().catch(() => undefined) };
  } catch {
    return undefined;
  }
}

/** The usual meaning of a refusal; a call names the exceptions (a 404 or 422 about a code). */
function problemOf(answer: Answer | undefined, codes: Partial<Record<number, AccountProblem>> = {}): AccountProblem {
  if (!answer || answer.status >= 500) return 'offline';
  return codes[answer.status] ?? (answer.status === 429 ? 'tooMany' : answer.status === 401 ? 'signedOut' : 'failed');
}

function traineeResult(answer: Answer | undefined, expected: number, codes: Partial<Record<number, AccountProblem>>): AccountResult<TeamTrainee> {
  const trainee = answer?.status === expected ? readTeamTrainee(answer.body) : undefined;
  return trainee ? { ok: true, value: trainee } : { ok: false, problem: problemOf(answer, codes) };
}

/** The cohort a join code opens: its name. */
export async function cohortOfJoinCode(code: string): Promise<AccountResult<string>> {
  const answer = await call('GET', `/api/join/${encodeURIComponent(code)}`);
  const name = (answer?.body as { cohort?: { name?: unknown } } | undefined)?.cohort?.name;
  if (answer?.status === 200 && typeof name === 'string') return { ok: true, value: name };
  return { ok: false, problem: problemOf(answer, { 404: 'unknownCode', 400: 'unknownCode' }) };
}

export async function join(name: string, joinCode: string): Promise<AccountResult<TeamTrainee>> {
  return traineeResult(await call('POST', '/api/trainees', { name, joinCode }), 201, { 404: 'unknownCode', 400: 'badName' });
}

/** A one-time code that signs this trainee in on another device, and when it stops working (ms). */
export async function newContinueCode(): Promise<AccountResult<{ code: string; expiresAt: number }>> {
  const answer = await call('POST', '/api/me/continue-code');
  const body = answer?.body as { code?: unknown; expiresAt?: unknown } | undefined;
  const expiresAt = typeof body?.expiresAt === 'string' || typeof body?.expiresAt === 'number' ? new Date(body.expiresAt).getTime() : NaN;
  if (answer?.status === 201 && typeof body?.code === 'string' && Number.isFinite(expiresAt)) return { ok: true, value: { code: body.code, expiresAt } };
  return { ok: false, problem: problemOf(answer) };
}

export async function continueWith(code: string): Promise<AccountResult<TeamTrainee>> {
  return traineeResult(await call('POST', '/api/continue', { code }), 200, { 422: 'wrongCode', 400: 'wrongCode' });
}

/** Deletes the trainee and everything the server holds of them; signs this device out. */
export async function deleteAccount(): Promise<AccountResult<null>> {
  const answer = await call('DELETE', '/api/me');
  return answer?.status === 204 ? { ok: true, value: null } : { ok: false, problem: problemOf(answer) };
}
