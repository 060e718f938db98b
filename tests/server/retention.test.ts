import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../server/db/connect.ts';
import { createCohort, DATABASES, describeEachDatabase, joinCohort, signInAdmin, signInStaff, TEST_PASSWORD, withDatabase } from './harness.ts';
import { decide, nextLegal, playThrough, startAttempt } from './play.ts';

const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('the retention setting', (server) => {
  test('is public to read, set by an admin to 30–3650 days or null, and refused otherwise', async () => {
    const { app } = server();
    const read = async () => (await app.inject({ method: 'GET', url: '/api/privacy' })).json();
    expect(await read()).toEqual({ retentionDays: null, lrs: null });
    const admin = await signInAdmin(app);
    const put = (days: unknown) => app.inject({ method: 'PUT', url: '/api/settings/retention', cookies: admin.cookies, payload: { days } });
    expect((await put(365)).json()).toEqual({ retentionDays: 365 });
    expect(await read()).toEqual({ retentionDays: 365, lrs: null });
    for (const wrong of [29, 3651, 90.5, '90', true]) expect((await put(wrong)).statusCode, String(wrong)).toBe(400);
    expect(await read()).toEqual({ retentionDays: 365, lrs: null });
    expect((await put(null)).json()).toEqual({ retentionDays: null });
  });
});

describe.each(DATABASES)('the retention purge (%s)', (kind) => {
  test('deletes exactly the attempts and trainees with no activity in the period, and again deletes nothing', () =>
    withDatabase(kind, async (start, target) => {
      const app = await start();
      const admin = await signInAdmin(app);
      await app.inject({ method: 'PUT', url: '/api/settings/retention', cookies: admin.cookies, payload: { days: 365 } });
      const manager = await signInStaff(app, 'manager');
      const cohort = await createCohort(app, manager);
      const ids: Record<string, string> = {};
      const attempts: Record<string, string> = {};
      for (const name of ['gone', 'active', 'returning', 'idle', 'slow']) {
        const cookies = await joinCohort(app, cohort.joinCode, name);
        ids[name] = (await app.inject({ method: 'GET', url: '/api/me', cookies })).json().id;
        if (name === 'gone' || name === 'active') await playThrough(() => app, cookies, (attempts[name] = await startAttempt(app, cookies)));
        if (name === 'active') await playThrough(() => app, cookies, (attempts.recent = await startAttempt(app, cookies)));
        if (name === 'slow') {
          attempts.slow = await startAttempt(app, cookies);
          const first = nextLegal([]);
          if (!first) throw new Error('the scenario offers no first reply');
          await decide(app, cookies, attempts.slow, 0, first);
          await decide(app, cookies, attempts.slow, 1, nextLegal([first]) ?? first);
        }
      }
      // Coaching notes to a trainee who stays: the old one goes with the period, the recent one stays.
      for (const text of ['old note', 'recent note']) await app.inject({ method: 'POST', url: `/api/dashboard/trainees/${ids.active}/notes`, cookies: manager.cookies, payload: { text } });
      await app.close();

      // A year and more ago: everything of "gone" and "idle", "active"'s first attempt, "slow"'s start
      // (its last decision is recent), "returning"'s joining (a session is recent, as after a continue code).
      const old = new Date(Date.now() - 400 * DAY);
      const db = await openDatabase(target);
      const wholly = [ids.gone, ids.idle, ids.active, ids.slow] as string[];
      // created_at and received_at are the database's own clock, never set by the server: set them here.
      const backdate = (table: string, column: string, key: string, values: string[], extra = sql``) =>
        sql`update ${sql.table(table)} set ${sql.ref(column)} = ${old} where ${sql.ref(key)} in (${sql.join(values)}) ${extra}`.execute(db);
      await backdate('trainees', 'created_at', 'id', [...wholly, ids.returning as string]);
      await backdate('sessions', 'created_at', 'trainee_id', wholly);
      await backdate('attempts', 'created_at', 'id', [attempts.gone, attempts.active, attempts.slow] as string[]);
      await backdate('decisions', 'received_at', 'attempt_id', [attempts.gone, attempts.active] as string[]);
      await backdate('decisions', 'received_at', 'attempt_id', [attempts.slow as string], sql`and index = 0`);
      await sql`update coaching_notes set created_at = ${old} where text = 'old note'`.execute(db);
      await db.destroy();

      // Every start purges; on PostgreSQL two instances start (and purge) at once.
      const servers = await Promise.all(kind === 'postgres' ? [start(), start()] : [start()]);
      await Promise.all(servers.map((server) => server.close()));
      const remaining = async () => {
        const check = await openDatabase(target);
        try {
          return {
            trainees: (await check.selectFrom('trainees').select('name').where('cohort_id', '=', cohort.id).orderBy('name').execute()).map((row) => row.name),
            attempts: (await check.selectFrom('attempts').select('id').execute()).map((row) => row.id).sort(),
            orphans: await check.selectFrom('decisions').select('attempt_id').where('attempt_id', 'not in', check.selectFrom('attempts').select('id')).execute(),
            scores: (await check.selectFrom('scores').select('attempt_id').execute()).map((row) => row.attempt_id).sort(),
            notes: (await check.selectFrom('coaching_notes').select('text').execute()).map((row) => row.text),
          };
        } finally {
          await check.destroy();
        }
      };
      const expected = { trainees: ['active', 'returning', 'slow'], attempts: [attempts.recent, attempts.slow].sort(), orphans: [], scores: [attempts.recent, attempts.slow].sort(), notes: ['recent note'] };
      expect(await remaining()).toEqual(expected);
      await (await start()).close();
      expect(await remaining()).toEqual(expected);
    }), 120_000);
});

let now = new Date();

describeEachDatabase(
  'the retention schedule',
  (server) => {
    test('runs again on its timer with the injected clock', async () => {
      now = new Date(); // each database's run starts in the present
      const { app } = server();
      const admin = await signInAdmin(app);
      await app.inject({ method: 'PUT', url: '/api/settings/retention', cookies: admin.cookies, payload: { days: 30 } });
      const manager = await signInStaff(app, 'manager');
      const cohort = await createCohort(app, manager);
      const cookies = await joinCohort(app, cohort.joinCode, 'Dana');
      await playThrough(() => app, cookies, await startAttempt(app, cookies));
      now = new Date(now.getTime() + 31 * DAY);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const again = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: manager.username, password: TEST_PASSWORD } });
      const list = await app.inject({ method: 'GET', url: `/api/cohorts/${cohort.id}/trainees`, cookies: { htl_staff: again.cookies[0]?.value as string } });
      expect(list.json()).toEqual({ trainees: [] });
      expect((await app.inject({ method: 'GET', url: '/api/me', cookies })).statusCode).toBe(401);
    });
  },
  { clock: () => now, purgeEveryMs: 100 },
);
