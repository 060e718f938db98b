import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { foldLog } from '../../src/index.ts';
import { randomCode } from '../../server/auth/codes.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { createPrivacyStore } from '../../server/db/privacyStore.ts';
import { createRoomStore } from '../../server/live/roomStore.ts';
import { createRooms } from '../../server/live/rooms.ts';
import { DATABASES, freshDatabase, signInStaff, startServer, testLibrary } from './harness.ts';

const library = () => testLibrary().map(({ scenario }) => scenario);

describe.each(DATABASES)('a live room’s stored log (%s)', (kind) => {
  test('two writers with stale folds never both take a number: the second folds the log again and is judged on it; the code frees when the room ends', async () => {
    const database = await freshDatabase(kind);
    try {
      // A staff member to own the room.
      const app = await startServer(database.target);
      const trainer = await signInStaff(app, 'trainer');
      await app.close();

      const db = await openDatabase(database.target);
      try {
        const store = createRoomStore(db);
        const code = randomCode();
        const id = randomUUID();
        expect(await store.createRoom({ id, code, trainerId: trainer.id, cohortId: null })).toBe(true);
        expect(await store.createRoom({ id: randomUUID(), code, trainerId: trainer.id, cohortId: null })).toBe(false);
        const room = await store.openRoom(code);
        if (!room) throw new Error('the room was not stored');

        let now = 1_000;
        const clock = () => new Date(now++);
        const one = createRooms(store, library(), clock, (error) => { throw error; });
        const two = createRooms(store, library(), clock, (error) => { throw error; });
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
        expect(await store.createRoom({ id: randomUUID(), code, trainerId: trainer.id, cohortId: null })).toBe(true);
        await one.stop();
        await two.stop();
      } finally {
        await db.destroy();
      }
    } finally {
      await database.remove();
    }
  });

  test('the retention period removes old rooms with their logs (the names typed in them)', async () => {
    const database = await freshDatabase(kind);
    try {
      const app = await startServer(database.target);
      const trainer = await signInStaff(app, 'trainer');
      await app.close();
      const db = await openDatabase(database.target);
      try {
        const store = createRoomStore(db);
        const [old, recent] = [randomUUID(), randomUUID()];
        for (const id of [old, recent]) await store.createRoom({ id, code: randomCode(), trainerId: trainer.id, cohortId: null });
        for (const id of [old, recent]) await store.append(id, 1, { type: 'joined', at: 1, participant: 'ann', name: 'Ann' });
        const now = new Date();
        await db.updateTable('live_rooms').set({ created_at: new Date(now.getTime() - 40 * 24 * 60 * 60 * 1000) } as never).where('id', '=', old).execute();
        const privacy = createPrivacyStore(db);
        await privacy.setRetentionDays(30);
        await privacy.purge(now, 60);
        expect((await db.selectFrom('live_rooms').select('id').execute()).map((row) => row.id)).toEqual([recent]);
        expect((await db.selectFrom('live_events').select('room_id').execute()).map((row) => row.room_id)).toEqual([recent]);
      } finally {
        await db.destroy();
      }
    } finally {
      await database.remove();
    }
  });
});
