import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LiveEvent } from '../../src/index.ts';
import { randomCode } from '../../server/auth/codes.ts';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import type { Database } from '../../server/db/schema.ts';
import { createLiveCoordination } from '../../server/live/coordination.ts';
import { createRoomStore, type LiveRoom, type RoomStore } from '../../server/live/roomStore.ts';
import { createRooms, type Rooms, type RoomsOptions } from '../../server/live/rooms.ts';
import { freshDatabase, signInStaff, startServer, testLibrary, type DatabaseKind } from './harness.ts';

/** Live rooms without a server in front (server/live/rooms.ts), for the tests of their log and of several instances. */

export const library = () => testLibrary().map(({ scenario }) => scenario);

/** Runs `work` on a fresh database's room store, with a trainer (made through the API) to own rooms. */
export async function withRoomStore(kind: DatabaseKind, work: (store: RoomStore, trainerId: string, db: Kysely<Database>, target: DatabaseTarget) => Promise<void>): Promise<void> {
  const database = await freshDatabase(kind);
  try {
    const app = await startServer(database.target);
    const trainer = await signInStaff(app, 'trainer');
    await app.close();
    const db = await openDatabase(database.target);
    try {
      await work(createRoomStore(db), trainer.id, db, database.target);
    } finally {
      await db.destroy();
    }
  } finally {
    await database.remove();
  }
}

export async function newRoom(store: RoomStore, trainerId: string, code = randomCode()): Promise<LiveRoom> {
  await store.createRoom({ id: randomUUID(), code, trainerId, cohortId: null });
  const room = await store.openRoom(code);
  if (!room) throw new Error('the room was not stored');
  return room;
}

export const fail = (error: unknown) => {
  throw error;
};

/** An instance's rooms over `db` (what routes.ts builds), with the test library unless `options` says otherwise. */
export function roomsOn(store: RoomStore, db: Kysely<Database>, options: Partial<RoomsOptions> = {}): Rooms {
  return createRooms({ store, coordination: createLiveCoordination(db), library: library(), clock: () => new Date(), onError: fail, whenEnded: async () => undefined, ...options });
}

/** Polls `test` until it holds (bounded). */
export async function waitUntil(test: () => Promise<boolean> | boolean, what = 'a condition', ms = 5_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await test()); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
  }
}

/** The room's stored log, read on a connection of its own (the servers that wrote it may be gone). */
export async function storedLog(target: DatabaseTarget, roomId: string): Promise<{ seq: number; event: LiveEvent }[]> {
  const db = await openDatabase(target);
  try {
    return await db.selectFrom('live_events').select(['seq', 'event']).where('room_id', '=', roomId).orderBy('seq').execute();
  } finally {
    await db.destroy();
  }
}
