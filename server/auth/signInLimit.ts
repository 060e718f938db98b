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

/** Seconds to wait before the next attempt is allowed, or undefined if it is allowed now. */
export async function signInRetryAfter(staff: StaffStore, username: string, ip: string, now: Date, limits: SignInLimits): Promise<number | undefined> {
  const windowMs = limits.windowSeconds * 1000;
  const failures = await staff.recentSignInFailures(username, ip, new Date(now.getTime() - windowMs), { username: limits.perUsername, ip: limits.perIp });
  // Full once the newest `limit` failures all fall in the window; free again when the oldest of them leaves it.
  const waitFor = (times: Date[], limit: number) => {
    const oldest = times[limit - 1];
    return oldest ? Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000) : 0;
  };
  const wait = Math.max(waitFor(failures.byUsername, limits.perUsername), waitFor(failures.byIp, limits.perIp));
  return wait > 0 ? wait : undefined;
}
