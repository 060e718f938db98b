/**
 * Runs `work` when the browser is idle (within `timeoutMs` at the latest), so it never competes
 * with the game's start; where there is no requestIdleCallback (Safari), a short timer instead.
 */
export function whenIdle(work: () => void, timeoutMs: number): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, Math.min(200, timeoutMs));
}
