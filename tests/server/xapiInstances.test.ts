import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { statementId } from '../../src/index.ts';
import { signIn, withDatabase } from './harness.ts';
import { startLrs, type Lrs } from './lrs.ts';
import { recordingFetch, sleep, waitFor, xapiConfigFor } from './lrsDelivery.ts';
import { playThrough, startAttempt } from './play.ts';

let lrs: Lrs;
beforeAll(async () => {
  lrs = await startLrs();
});
afterAll(() => lrs?.close());

// PostgreSQL only: one PGlite folder belongs to one process.
test('two instances sending one outbox post each statement once between them (PostgreSQL only)', { timeout: 60_000 }, () =>
  withDatabase('postgres', async (start) => {
    const senders = [recordingFetch(), recordingFetch()];
    // Small batches, so the two claim rows side by side many times.
    const servers = await Promise.all(senders.map((sender) => start({ xapi: xapiConfigFor(lrs, { fetch: sender.fetch, batchSize: 2 }) })));
    try {
      const ids: string[] = [];
      await Promise.all(
        ['Ann', 'Ben', 'Cas'].map(async (name, trainee) => {
          const cookies = await signIn(servers[trainee % 2] as FastifyInstance, name);
          const attempt = await startAttempt(servers[(trainee + 1) % 2] as FastifyInstance, cookies);
          const choices = await playThrough((index) => servers[(index + trainee) % 2] as FastifyInstance, cookies, attempt);
          ids.push(statementId(attempt, 'attempted'), ...choices.map((_, index) => statementId(attempt, `decision/${index}`)), statementId(attempt, 'completed'), statementId(attempt, 'passed-or-failed'));
        }),
      );
      await waitFor(`${ids.length} statements in the LRS`, async () => (await lrs.statements()).length, (count) => count >= ids.length);
      await sleep(300);
      expect((await lrs.statements()).map((statement) => statement.id).sort()).toEqual([...ids].sort());
      for (const sender of senders) expect(sender.posts.length).toBeGreaterThan(0);
      for (const id of ids) expect(senders.reduce((times, sender) => times + sender.deliveredTimes(id), 0), id).toBe(1);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  }));
