import type { FastifyBaseLogger } from 'fastify';
import type { PrivacyStore } from './db/privacyStore.ts';

/**
 * Runs the retention purge at start and then every `everyMs`, until `stop()`. The purge is plain
 * conditional deletes, so two instances running it at once delete the same rows once.
 */
export function scheduleRetention(privacy: PrivacyStore, clock: () => Date, signInWindowSeconds: number, everyMs: number, log: FastifyBaseLogger) {
  const run = async () => {
    try {
      const purged = await privacy.purge(clock(), signInWindowSeconds);
      if (purged.attempts + purged.trainees + purged.notes > 0) log.info(purged, 'retention: deleted old records');
    } catch (error) {
      log.error({ err: error }, 'retention purge failed; it runs again later');
    }
  };
  let running = run();
  const timer = setInterval(() => {
    running = running.then(run);
  }, everyMs);
  // The purge never keeps the process alive on its own.
  timer.unref();
  return {
    /** Stops the schedule and waits for a purge under way, so the database can close after it. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
