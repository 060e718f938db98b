import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../server/db/connect.ts';
import { createCohort, DATABASES, joinCohort, signInStaff, withDatabase } from './harness.ts';
import { playThrough, startAttempt } from './play.ts';

describe.each(DATABASES)('decisions recorded before the dashboard (%s)', (kind) => {
  test('get the review a new decision gets at the next start, once, and the trainee view reads the same', () =>
    withDatabase(kind, async (start, target) => {
      let app = await start();
      const manager = await signInStaff(app, 'manager');
      const cohort = await createCohort(app, manager);
      const dana = await joinCohort(app, cohort.joinCode, 'Dana');
      const traineeId = (await app.inject({ method: 'GET', url: '/api/me', cookies: dana })).json().id;
      await playThrough(() => app, dana, await startAttempt(app, dana));
      const read = async () => (await app.inject({ method: 'GET', url: `/api/dashboard/trainees/${traineeId}`, cookies: manager.cookies })).json();
      const recorded = await read();
      expect(recorded.attempts[0].decisions.length).toBeGreaterThan(2);
      await app.close();

      // As an instance from before the dashboard left them: no review.
      const db = await openDatabase(target);
      const cleared = await db.updateTable('decisions').set({ quality: null, teaches: null, better: null, skills: null }).executeTakeFirst();
      expect(Number(cleared.numUpdatedRows)).toBe(recorded.attempts[0].decisions.length);
      await db.destroy();

      app = await start();
      expect(await read()).toEqual(recorded);
      await app.close();
      const check = await openDatabase(target);
      expect(await check.selectFrom('decisions').select('index').where('quality', 'is', null).execute()).toEqual([]);
      await check.destroy();
    }), 120_000);
});
