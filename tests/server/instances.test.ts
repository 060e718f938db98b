import { expect, test } from 'vitest';
import { scoreChoices, type Choice } from '../../src/index.ts';
import { signIn, withDatabase } from './harness.ts';
import { decide, firstVersion, getAttempt, nextLegal, playThrough, startAttempt } from './play.ts';

// PostgreSQL only: one PGlite folder belongs to one process.
test('two instances on one PostgreSQL serve a trainee whose requests alternate between them', () =>
  withDatabase('postgres', async (start) => {
    // Started together, so both migrate the same empty database at once.
    const servers = await Promise.all([start(), start()]);
    try {
      const [a, b] = servers;
      const cookies = await signIn(a);
      const attempt = await startAttempt(b, cookies);
      const opening = nextLegal([]) as Choice;
      const decisionId = crypto.randomUUID();
      // The same decision reaching both instances at once is still stored once.
      const both = await Promise.all(servers.map((server) => decide(server, cookies, attempt, 0, opening, decisionId)));
      expect(both.map((response) => response.statusCode).sort()).toEqual([200, 201]);
      const choices = await playThrough((index) => servers[index % 2] as typeof a, cookies, attempt, [opening]);
      const expected = scoreChoices(firstVersion().scenario, choices);
      if (!expected.ok) throw new Error(expected.error);
      const [fromA, fromB] = await Promise.all(servers.map(async (server) => (await getAttempt(server, cookies, attempt)).json()));
      expect(fromA).toEqual(fromB);
      expect(fromA.decisions).toHaveLength(choices.length);
      expect(fromA.score).toMatchObject({ skills: expected.report.skills, overall: expected.report.overall });
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  }));
