import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { describe, expect, test } from 'vitest';
import { foldLog } from '../../src/index.ts';
import { randomCode } from '../../server/auth/codes.ts';
import { openDatabase } from '../../server/db/connect.ts';
import type { Database } from '../../server/db/schema.ts';
import { createPrivacyStore } from '../../server/db/privacyStore.ts';
import { createRoomStore, type LiveRoom, type RoomStore } from '../../server/live/roomStore.ts';
import { createRooms } from '../../server/live/rooms.ts';
import { DATABASES, freshDatabase, signInStaff, startServer, testLibrary, type DatabaseKind } from './harness.ts';

const library = () => testLibrary().map(({ scenario }) => scenario);

/** Runs `work` on a fresh database's room store, with a trainer (made through the API) to own rooms. */
async function withRoomStore(kind: DatabaseKind, work: (store: RoomStore, trainerId: string, db: Kysely<Database>) => Promise<void>): Promise<void> {
  const database = await freshDatabase(kind);
  try {
    const app = await startServer(database.target);
    const trainer = await signInStaff(app, 'trainer');
    await app.close();
    const db = await openDatabase(database.target);
    try {
      await work(createRoomStore(db), trainer.id, db);
    } finally {
      await db.destroy();
    }
  } finally {
    await database.remove();
  }
}

async function newRoom(store: RoomStore, trainerId: string, code = randomCode()): Promise<LiveRoom> {
  await store.createRoom({ id: randomUUID(), code, trainerId, cohortId: null });
  const room = await store.openRoom(code);
  if (!room) throw new Error('the room was not stored');
  return room;
}

const fail = (error: unknown) => {
  throw error;
};

describe.each(DATABASES)('a live room’s stored log (%s)', (kind) => {
  test('two writers with stale folds never both take a number: the second folds the log again and is judged on it; the code frees when the room ends', () =>
    withRoomStore(kind, async (store, trainerId) => {
      const code = randomCode();
      const room = await newRoom(store, trainerId, code);
      expect(await store.createRoom({ id: randomUUID(), code, trainerId, cohortId: null })).toBe(false);

      let now = 1_000;
      const clock = () => new Date(now++);
      const one = createRooms({ store, library: library(), clock, onError: fail, whenEnded: async () => undefined });
      const two = createRooms({ store, library: library(), clock, onError: fail, whenEnded: async () => undefined });
      expect((await one.current(room)).seq).toBe(0);
      expect((await two.current(room)).seq).toBe(0);
      expect(await one.append(room, { type: 'joined', participant: 'ann', name: 'Ann' })).toEqual({ ok: true });
      // `two` still believes the log is empty: its insert collides, it folds again, and Ann's second join is refused on the real log.
      expect((await two.append(room, { type: 'joined', participant: 'ann', name: 'Ann' })).ok).toBe(false);
      expect(await two.append(room, { type: 'joined', participant: 'bob', name: 'Bob' })).toEqual({ ok: true });
      const log = await store.events(room.id);
      expect(log.map((event) => event.type === 'joined' && event.participant)).toEqual(['ann', 'bob']);
      expect((await two.current(room)).state).toEqual(foldLog(log, library()));

      expect(await two.append(room, { type: 'ended' })).toEqual({ ok: true });
      expect(await store.openRoom(code)).toBeUndefined();
      expect(await store.createRoom({ id: randomUUID(), code, trainerId, cohortId: null })).toBe(true);
      await one.stop();
      await two.stop();
    }));

  test('a room started on a scenario version the server no longer serves resumes on the version it started with', () =>
    withRoomStore(kind, async (store, trainerId) => {
      const room = await newRoom(store, trainerId);
      const [scenario, ...others] = library();
      if (!scenario) throw new Error('the test library is empty');
      const before = createRooms({ store, library: library(), clock: () => new Date(), onError: fail, whenEnded: async () => undefined });
      expect(await before.append(room, { type: 'started', scenarios: [{ id: scenario.id, version: scenario.version }], seed: 5, roster: [], rotation: { every: 'scenario' } })).toEqual({ ok: true });
      const state = (await before.current(room)).state;
      await before.stop();

      // The next release serves a newer version of that scenario only.
      const after = createRooms({ store, library: [{ ...scenario, version: scenario.version + 1 }, ...others], clock: () => new Date(), onError: fail, whenEnded: async () => undefined });
      expect((await after.current(room)).state).toEqual(state);
      expect(await after.append(room, { type: 'voteOpened', durationMs: null })).toEqual({ ok: true });
      await after.stop();
    }));

  test('the retention period removes old rooms with their logs (the names typed in them)', () =>
    withRoomStore(kind, async (store, trainerId, db) => {
      const [old, recent] = [await newRoom(store, trainerId), await newRoom(store, trainerId)];
      for (const room of [old, recent]) await store.append(room.id, 1, { type: 'joined', at: 1, participant: 'ann', name: 'Ann' });
      const now = new Date();
      // created_at is the database's own clock, never set by the server: set it here.
      await sql`update live_rooms set created_at = ${new Date(now.getTime() - 40 * 24 * 60 * 60 * 1000)} where id = ${old.id}`.execute(db);
      const privacy = createPrivacyStore(db);
      await privacy.setRetentionDays(30);
      await privacy.purge(now, 60);
      expect((await db.selectFrom('live_rooms').select('id').execute()).map((row) => row.id)).toEqual([recent.id]);
      expect((await db.selectFrom('live_events').select('room_id').execute()).map((row) => row.room_id)).toEqual([recent.id]);
    }));
});
