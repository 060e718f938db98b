/**
 * Which attempts are being played right now, in any tab of this origin: each playing tab holds a
 * Web Lock named after its attempt, so another tab does not offer the same attempt to resume (that
 * would fork it), and a closed tab lets go by itself.
 */
const LOCK_PREFIX = 'hold-the-line.attempt.';

/** A Web Lock held while an attempt is played, so every tab of this origin can tell it is in play; none where the browser has no Web Locks. */
export function holdAttempt(id: string): () => void {
  const locks = navigator.locks as LockManager | undefined;
  if (!locks) return () => undefined;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  locks.request(LOCK_PREFIX + id, () => held).catch(() => undefined);
  return () => release();
}

/**
 * How long a held attempt gets to be let go: a tab that is reloading or closing releases its lock
 * within this, even on a busy machine. Only the menu's Resume card waits for it (the scenario cards
 * are already shown), and only while some attempt is held.
 */
const RELEASE_GRACE_MS = 3000;

/** The attempts another tab is still playing; a lock its tab lets go of within the grace (a reload) does not count. */
export async function attemptsInPlay(): Promise<Set<string>> {
  const locks = navigator.locks as LockManager | undefined;
  if (!locks) return new Set();
  try {
    const { held = [] } = await locks.query();
    const names = held.flatMap(({ name }) => (name?.startsWith(LOCK_PREFIX) ? [name] : []));
    const stillHeld = await Promise.all(names.map((name) => locks.request(name, { signal: AbortSignal.timeout(RELEASE_GRACE_MS) }, () => false).catch(() => true)));
    return new Set(names.filter((_, index) => stillHeld[index]).map((name) => name.slice(LOCK_PREFIX.length)));
  } catch {
    return new Set();
  }
}

/**
 * Resolves when an attempt another tab holds now is let go (that tab closed, reloaded slowly or
 * finished), so the menu can offer it then; never while none is held. `stop` abandons the wait.
 */
export async function attemptLetGo(stop: AbortSignal): Promise<void> {
  const locks = navigator.locks as LockManager | undefined;
  const { held = [] } = locks ? await locks.query().catch(() => ({ held: [] })) : { held: [] };
  const names = held.flatMap(({ name }) => (name?.startsWith(LOCK_PREFIX) ? [name] : []));
  if (!locks || names.length === 0) return new Promise(() => undefined);
  // Taken and given straight back: the request only waits for the other tab to let go.
  await Promise.race(names.map((name) => locks.request(name, { signal: stop }, () => undefined)));
}
