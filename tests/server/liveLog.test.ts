import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { foldLog } from '../../src/index.ts';
import { randomCode } from '../../server/auth/codes.ts';
import { createPrivacyStore } from '../../server/db/privacyStore.ts';
import { DATABASES } from './harness.ts';
import { library, newRoom, roomsOn, waitUntil, withRoomStore } from './liveRoomsOn.ts';

describe.each(DATABASES)('a live room’s stored log (%s)', (kind) => {
  test('two instances append to one room: the first owns it, the other’s events go through the owner; an owner overtaken folds the log again; the code frees when the room ends', () =>
    withRoomStore(kind, async (store, trainerId, db) => {
      const code = randomCode();
      const room = await newRoom(store, trainerId, code);
      expect(await store.createRoom({ id: randomUUID(), code, trainerId, cohortId: null })).toBe(false);

      let now = 1_000;
      const clock = () => new Date(now++);
      const [one, two] = [roomsOn(store, db, { clock }), roomsOn(store, db, { clock })];
      expect((await one.current(room)).seq).toBe(0);
      expect((await two.current(room)).seq).toBe(0);
      expect(await one.append(room, { type: 'joined', participant: 'ann', name: 'Ann' })).toEqual({ ok: true });
      // `one` owns the room now: `two` forwards to it, and hears the owner's verdict, judged on the real log.
      expect((await two.append(room, { type: 'joined', participant: 'ann', name: 'Ann' })).ok).toBe(false);
      expect(await two.append(room, { type: 'joined', participant: 'bob', name: 'Bob' })).toEqual({ ok: true });
      // Accepted means `two` reads it back at once, as its sender's next look at the room expects.
      expect((await two.current(room)).state.participants.map((participant) => participant.id)).toEqual(['ann', 'bob']);
      // A writer behind the owner's back (an owner whose lease lapsed while it stalled) takes the next number…
      await store.append(room.id, 3, { type: 'joined', at: now++, participant: 'cas', name: 'Cas' });
      // …so the owner's insert collides: it folds the log again and judges the event on it.
      expect((await one.append(room, { type: 'joined', participant: 'cas', name: 'Cas' })).ok).toBe(false);
      expect(await one.append(room, { type: 'joined', participant: 'dee', name: 'Dee' })).toEqual({ ok: true });
      const log = await store.events(room.id);
      expect(log.map((event) => event.type === 'joined' && event.participant)).toEqual(['ann', 'bob', 'cas', 'dee']);
      await waitUntil(async () => (await two.current(room)).seq === log.length);
      expect((await two.current(room)).state).toEqual(foldLog(log, library()));

      expect(await two.append(room, { type: 'ended' })).toEqual({ ok: true });
      expect(await store.openRoom(code)).toBeUndefined();
      expect(await store.createRoom({ id: randomUUID(), code, trainerId, cohortId: null })).toBe(true);
      await one.stop();
      await two.stop();
    }));

  test('a room started on a scenario version the server no longer serves resumes on the version it started with', () =>
    withRoomStore(kind, async (store, trainerId, db) => {
      const room = await newRoom(store, trainerId);
      const [scenario, ...others] = library();
      if (!scenario) throw new Error('the test library is empty');
      const before = roomsOn(store, db);
      expect(await before.append(room, { type: 'started', scenarios: [{ id: scenario.id, version: scenario.version }], seed: 5, roster: [], rotation: { every: 'scenario' } })).toEqual({ ok: true });
      const state = (await before.current(room)).state;
      await before.stop();

      // The next release serves a newer version of that scenario only.
      const after = roomsOn(store, db, { library: [{ ...scenario, version: scenario.version + 1 }, ...others] });
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
