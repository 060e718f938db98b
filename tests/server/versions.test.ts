import { describe, expect, test } from 'vitest';
import { scoreChoices, type Choice } from '../../src/index.ts';
import { scenarioHash, type ScenarioVersion } from '../../server/library.ts';
import { DATABASES, signIn, testLibrary, withDatabase } from './harness.ts';
import { decide, firstVersion, getAttempt, nextLegal, playThrough, startAttempt } from './play.ts';

/** The first scenario with another starting mood: a new version under a new hash. */
function changedFirstVersion(): ScenarioVersion {
  const { scenario } = firstVersion();
  const changed = { ...scenario, mood: scenario.mood === 50 ? 60 : 50 };
  return { hash: scenarioHash(changed), scenario: changed };
}

describe.each(DATABASES)('scenario versions (%s)', (kind) => {
  test('an attempt is finished and scored on the version it was started on, after the library changed', () =>
    withDatabase(kind, async (start) => {
      const old = firstVersion();
      const before = await start();
      const cookies = await signIn(before);
      const attempt = await startAttempt(before, cookies);
      const opening = nextLegal([]) as Choice;
      expect((await decide(before, cookies, attempt, 0, opening)).statusCode).toBe(201);
      await before.close();

      const changed = changedFirstVersion();
      const after = await start({ library: [changed, ...testLibrary().slice(1)] });
      try {
        const served = (await after.inject({ method: 'GET', url: '/api/scenarios' })).json().scenarios;
        expect(served[0]).toEqual({ id: old.scenario.id, version: old.scenario.version, hash: changed.hash });
        // The old version is no longer in the library: the server reads it back from the database by its hash.
        const choices = await playThrough(() => after, cookies, attempt, [opening], old.scenario);
        const expected = scoreChoices(old.scenario, choices);
        if (!expected.ok) throw new Error(expected.error);
        const stored = (await getAttempt(after, cookies, attempt)).json();
        expect(stored.decisions[0].moodBefore).toBe(old.scenario.mood);
        expect(stored.score).toMatchObject({ scenarioHash: old.hash, skills: expected.report.skills, overall: expected.report.overall });
        // A device that still has the old version cached may start another attempt on it.
        await startAttempt(after, cookies, old);
        await startAttempt(after, cookies, changed);
      } finally {
        await after.close();
      }
    }));
});
