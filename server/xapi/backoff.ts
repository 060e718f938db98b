/**
 * How long to wait before trying again after `failures` failed deliveries in a row: doubling from
 * `baseMs` up to `maxMs`, then a random share of half of it (jitter), so instances that failed
 * together do not all come back at the same moment. `random` is injected for tests.
 */
export function retryDelay(failures: number, { baseMs, maxMs }: { baseMs: number; maxMs: number }, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
