import { describe, expect, test } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import type { Database } from '../../server/db/schema.ts';
import { createCohort, DATABASES, joinCohort, signInStaff, withDatabase } from './harness.ts';
import { playThrough, startAttempt } from './play.ts';

/** Runs `work` on its own connection to the database (no server may hold a PGlite folder meanwhile). */
async function withDb<T>(target: DatabaseTarget, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = await openDatabase(target);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Rows in every table of the schema (the migrator's own excepted). */
async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables.rows) counts[table] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n);
  return counts;
}

/** Rows a trainee owns outside the API's reach so far (a live-session result, an LRS statement), so deletion is checked there too. */
async function addLiveResultAndStatement(db: Kysely<Database>, traineeId: string, roomId: string): Promise<void> {
  const result = { votes: 1, skills: null, overall: null, hotSeat: null };
  await db.insertInto('live_trainees').values({ room_id: roomId, participant_id: `p-${traineeId}`, trainee_id: traineeId, result: JSON.stringify(result) }).execute();
  await db.insertInto('xapi_outbox').values({ trainee_id: traineeId, statement: JSON.stringify({ verb: 'answered' }) }).execute();
}

describe.each(DATABASES)('deleting a trainee (%s)', (kind) => {
  test('removes every row of theirs, in every table, and nothing of anyone else', () =>
    withDatabase(kind, async (start, target) => {
      // Before: a manager, a cohort, a trainee who stays, and a live room.
      let app = await start();
      const manager = await signInStaff(app, 'manager');
      const cohort = await createCohort(app, manager);
      const stays = await joinCohort(app, cohort.joinCode, 'Stays');
      await playThrough(() => app, stays, await startAttempt(app, stays));
      // Spent links (the first admin's, the manager's) are swept at every start: sweep them before counting.
      await app.close();
      await (await start()).close();
      const roomId = crypto.randomUUID();
      const before = await withDb(target, async (db) => {
        await db.insertInto('live_rooms').values({ id: roomId, code: 'ABCDEFGH', trainer_id: manager.id, cohort_id: cohort.id }).execute();
        return rowCounts(db);
      });

      // Two trainees leave every kind of trace: attempts, decisions, scores, two sessions, continue codes, a coaching note, a live result, a statement.
      app = await start();
      const leaving = { self: await joinCohort(app, cohort.joinCode, 'Self'), removed: await joinCohort(app, cohort.joinCode, 'Removed') };
      const ids: Record<string, string> = {};
      for (const [who, cookies] of Object.entries(leaving)) {
        ids[who] = (await app.inject({ method: 'GET', url: '/api/me', cookies })).json().id;
        await playThrough(() => app, cookies, await startAttempt(app, cookies));
        const code = (await app.inject({ method: 'POST', url: '/api/me/continue-code', cookies })).json().code;
        expect((await app.inject({ method: 'POST', url: '/api/continue', payload: { code } })).statusCode).toBe(200);
        await app.inject({ method: 'POST', url: '/api/me/continue-code', cookies });
        const note = await app.inject({ method: 'POST', url: `/api/dashboard/trainees/${ids[who]}/notes`, cookies: manager.cookies, payload: { text: `A note to ${who}` } });
        expect(note.statusCode).toBe(201);
      }
      await app.close();
      const during = await withDb(target, async (db) => {
        for (const id of Object.values(ids)) await addLiveResultAndStatement(db, id, roomId);
        return rowCounts(db);
      });
      for (const table of ['trainees', 'sessions', 'attempts', 'decisions', 'scores', 'one_time_tokens', 'coaching_notes', 'live_trainees', 'xapi_outbox']) expect(during[table], table).toBeGreaterThan(before[table] as number);

      app = await start();
      expect((await app.inject({ method: 'DELETE', url: '/api/me', cookies: leaving.self })).statusCode).toBe(204);
      expect((await app.inject({ method: 'DELETE', url: `/api/trainees/${ids.removed}`, cookies: manager.cookies })).statusCode).toBe(204);
      await app.close();
      expect(await withDb(target, rowCounts)).toEqual(before);
    }), 120_000);
});
