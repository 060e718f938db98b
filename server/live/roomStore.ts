import type { Kysely } from 'kysely';
import type { LiveEvent, Scenario } from '../../src/index.ts';
import type { Database } from '../db/schema.ts';
import { EVENTS_CHANNEL, notify } from './bus.ts';

export interface LiveRoom {
  id: string;
  code: string;
  trainerId: string;
  cohortId: string | null;
  createdAt: Date;
}

/** Live rooms and their append-only logs in the database (docs/live.md, "Server"). */
export function createRoomStore(db: Kysely<Database>) {
  return {
    /** False if an open room holds the code already (the caller draws another). */
    async createRoom(room: { id: string; code: string; trainerId: string; cohortId: string | null }): Promise<boolean> {
      const inserted = await db
        .insertInto('live_rooms')
        .values({ id: room.id, code: room.code, trainer_id: room.trainerId, cohort_id: room.cohortId })
        .onConflict((conflict) => conflict.doNothing())
        .returning('id')
        .executeTakeFirst();
      return Boolean(inserted);
    },

    /** The open room with this code (stored form), if any: an ended room's code opens nothing. */
    async openRoom(code: string): Promise<LiveRoom | undefined> {
      const row = await db.selectFrom('live_rooms').selectAll().where('code', '=', code).where('ended_at', 'is', null).executeTakeFirst();
      return row && { id: row.id, code: row.code, trainerId: row.trainer_id, cohortId: row.cohort_id, createdAt: row.created_at };
    },

    /** A scenario version the server no longer serves, for a room started on it (the newest stored copy). */
    async scenarioVersion(id: string, version: number): Promise<Scenario | undefined> {
      const row = await db.selectFrom('scenario_versions').select('content').where('scenario_id', '=', id).where('version', '=', version).orderBy('first_seen_at', 'desc').executeTakeFirst();
      return row?.content as Scenario | undefined;
    },

    /** The room's log in order. */
    async events(roomId: string): Promise<LiveEvent[]> {
      const rows = await db.selectFrom('live_events').select('event').where('room_id', '=', roomId).orderBy('seq').execute();
      return rows.map((row) => row.event);
    },

    /**
     * Appends `event` as number `seq`; false if that number is taken (another writer appended
     * first: the caller folds the log again). An `ended` event closes the room in the same
     * transaction, which also tells every instance (NOTIFY on EVENTS_CHANNEL: room id and seq).
     */
    async append(roomId: string, seq: number, event: LiveEvent): Promise<boolean> {
      return db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('live_events')
          .values({ room_id: roomId, seq, event: JSON.stringify(event) })
          .onConflict((conflict) => conflict.doNothing())
          .returning('seq')
          .executeTakeFirst();
        if (inserted && event.type === 'ended') await tx.updateTable('live_rooms').set({ ended_at: new Date(event.at) }).where('id', '=', roomId).execute();
        // Every instance serving the room hears of the new event when (and only if) it is committed.
        if (inserted) await notify(tx, EVENTS_CHANNEL, `${roomId}:${seq}`);
        return Boolean(inserted);
      });
    },
  };
}

export type RoomStore = ReturnType<typeof createRoomStore>;
