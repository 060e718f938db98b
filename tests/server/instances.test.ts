import type { FastifyInstance } from 'fastify';
import { expect, test } from 'vitest';
import { scoreChoices, type Choice } from '../../src/index.ts';
import { signIn, withDatabase } from './harness.ts';
import { decide, firstVersion, getAttempt, nextLegal, playThrough, startAttempt } from './play.ts';

// PostgreSQL only: one PGlite folder belongs to one process.
test('two instances on one PostgreSQL serve a trainee whose requests alternate between them (PostgreSQL only)', () =>
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

test('two instances on one PostgreSQL, each sent every decision of six trainees at once, store each decision once and in order (PostgreSQL only)', { timeout: 60_000 }, () =>
  withDatabase('postgres', async (start) => {
    const servers = await Promise.all([start(), start()]);
    const [a, b] = servers as [FastifyInstance, FastifyInstance];
    try {
      // Each trainee joins on one instance and starts their attempt on the other.
      const trainees = await Promise.all(['Ann', 'Ben', 'Cas', 'Dee', 'Eve', 'Fay'].map(async (name, index) => {
        const cookies = await signIn(index % 2 ? a : b, name);
        return { cookies, attempt: await startAttempt(index % 2 ? b : a, cookies), choices: [] as Choice[] };
      }));
      // Every round, every trainee's next decision goes to both instances at once: both batch it with
      // the others, and the two batches lock overlapping attempts.
      for (let round = 0; trainees.some((trainee) => nextLegal(trainee.choices)); round++) {
        const sent = trainees.flatMap((trainee) => {
          const choice = nextLegal(trainee.choices);
          if (!choice) return [];
          trainee.choices.push(choice);
          const id = crypto.randomUUID();
          return [Promise.all(servers.map((server) => decide(server, trainee.cookies, trainee.attempt, round, choice, id)))];
        });
        for (const pair of await Promise.all(sent)) expect(pair.map((response) => response.statusCode).sort()).toEqual([200, 201]);
      }
      for (const [index, trainee] of trainees.entries()) {
        const stored = (await getAttempt(servers[index % 2] as FastifyInstance, trainee.cookies, trainee.attempt)).json();
        expect(stored.decisions.map((decision: { index: number; choice: Choice }) => [decision.index, decision.choice])).toEqual(trainee.choices.map((choice, at) => [at, choice]));
        const expected = scoreChoices(firstVersion().scenario, trainee.choices);
        if (!expected.ok) throw new Error(expected.error);
        expect(stored.score).toMatchObject({ skills: expected.report.skills, overall: expected.report.overall, decisionCount: trainee.choices.length });
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  }));
