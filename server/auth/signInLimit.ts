import type { StaffStore } from '../db/staffStore.ts';

/**
 * How many failed sign-ins are allowed before the server answers 429 for a while: per username
 * (guessing one account's password) and per address (trying many accounts). Counted in the
 * database, so every instance behind a load balancer sees the same count.
 */
export interface SignInLimits {
  perUsername: number;
  /** Generous: a whole office may share one address. */
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perUsername: 5, perIp: 50, windowSeconds: 15 * 60 };

/**
 * Seconds to wait before another attempt is allowed, or undefined if this one may go on. Call it
 * after recording this attempt (`recordSignInAttempt`): it then counts as one of the newest, so
 * attempts made at once cannot all slip under the limit.
 */
export async function signInRetryAfter(staff: StaffStore, username: string, ip: string, now: Date, limits: SignInLimits): Promise<number | undefined> {
  const windowMs = limits.windowSeconds * 1000;
  const failures = await staff.recentSignInFailures(username, ip, new Date(now.getTime() - windowMs), { username: limits.perUsername + 1, ip: limits.perIp + 1 });
  // Over the limit when, besides this attempt, `limit` failures fall in the window; free again when the oldest of them leaves it.
  const waitFor = (times: Date[], limit: number) => {
    const oldest = times[limit];
    return oldest ? Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000) : 0;
  };
  const wait = Math.max(waitFor(failures.byUsername, limits.perUsername), waitFor(failures.byIp, limits.perIp));
  return wait > 0 ? wait : undefined;
}
