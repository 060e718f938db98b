import { sql, type Generated, type Kysely } from 'kysely';
import type { LiveEvent, Verdict } from '../../src/index.ts';
import type { Database } from '../db/schema.ts';
import { COMMANDS_CHANNEL, notify, VERDICTS_CHANNEL } from './bus.ts';
import type { LiveRoom } from './roomStore.ts';

interface LeaseTable {
  room_id: string;
  owner: string;
  expires_at: Date;
}

interface CommandTable {
  id: string;
  n: Generated<number>;
  room_id: string;
  event: LiveEvent;
  created_at: Generated<Date>;
}

/** An event another instance forwarded to this room's owner, without `at` (the owner stamps it). */
export interface Command {
  id: string;
  event: Omit<LiveEvent, 'at'>;
}

/**
 * What the instances serving live rooms share in the database besides the rooms and their logs
 * (migration 0007): who owns each room, and the events forwarded to owners.
 */
export function createLiveCoordination(database: Kysely<Database>) {
  const db = database.withTables<{ live_leases: LeaseTable; live_commands: CommandTable }>();
  return {
    db: database,

    /**
     * Takes or renews the room's lease for `owner` for `ms`, on the database's clock (one clock for
     * every instance, so a fast or slow server clock cannot make two owners): true if `owner` holds
     * it now, false while another instance's lease runs.
     */
    async lease(roomId: string, owner: string, ms: number): Promise<boolean> {
      const until = leaseEnd(ms);
      const row = await db
        .insertInto('live_leases')
        .values({ room_id: roomId, owner, expires_at: until })
        .onConflict((conflict) =>
          conflict.column('room_id').doUpdateSet({ owner, expires_at: until }).where((eb) => eb.or([eb('live_leases.owner', '=', owner), eb('live_leases.expires_at', '<=', sql<Date>`now()`)])),
        )
        .returning('owner')
        .executeTakeFirst();
      return row?.owner === owner;
    },

    /** Renews `owner`'s leases on these rooms for `ms`, in one statement: the rooms whose leases it still holds. */
    async renew(roomIds: string[], owner: string, ms: number): Promise<Set<string>> {
      if (roomIds.length === 0) return new Set();
      const rows = await db.updateTable('live_leases').set({ expires_at: leaseEnd(ms) }).where('owner', '=', owner).where('room_id', 'in', roomIds).returning('room_id').execute();
      return new Set(rows.map((row) => row.room_id));
    },

    /** Gives the lease up at once (a clean stop), so another instance need not wait for it to lapse. */
    async release(roomId: string, owner: string): Promise<void> {
      await db.deleteFrom('live_leases').where('room_id', '=', roomId).where('owner', '=', owner).execute();
    },

    /** Leaves an event for the room's owner and tells it (NOTIFY on COMMANDS_CHANNEL). */
    async forward(roomId: string, command: Command): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('live_commands').values({ id: command.id, room_id: roomId, event: JSON.stringify(command.event) as unknown as LiveEvent }).execute();
        await notify(tx, COMMANDS_CHANNEL, roomId);
      });
    },

    /** Tells the instance that forwarded command `id` what became of it (and, accepted, its number in the log). */
    async answer(id: string, verdict: Verdict, seq?: number): Promise<void> {
      // A NOTIFY payload holds under 8,000 bytes; a reason is a sentence.
      const told = verdict.ok ? { ok: true, seq } : { ok: false, reason: verdict.reason.slice(0, 1000) };
      await notify(db, VERDICTS_CHANNEL, `${id}:${JSON.stringify(told)}`);
    },

    /** Takes (deletes) every event waiting for the room's owner, in the order they were sent: each is taken once, by one owner. */
    async take(roomId: string): Promise<Command[]> {
      const rows = await db.deleteFrom('live_commands').where('room_id', '=', roomId).returning(['id', 'n', 'event']).execute();
      return rows.sort((a, b) => Number(a.n) - Number(b.n)).map((row) => ({ id: row.id, event: row.event }));
    },

    /** Takes back an event no owner took yet; false if one did (its verdict is on the way). */
    async withdraw(id: string): Promise<boolean> {
      return Boolean(await db.deleteFrom('live_commands').where('id', '=', id).returning('id').executeTakeFirst());
    },

    /** The room's events after number `seq`, in order, with their numbers. */
    async eventsAfter(roomId: string, seq: number): Promise<{ seq: number; event: LiveEvent }[]> {
      return db.selectFrom('live_events').select(['seq', 'event']).where('room_id', '=', roomId).where('seq', '>', seq).orderBy('seq').execute();
    },

    /**
     * Open rooms where nothing happened since `before` (ms on the server's clock, as events'
     * `at`): their last event is older, or they have none and were opened earlier.
     */
    async idleRooms(before: number): Promise<LiveRoom[]> {
      const last = sql<number | null>`(select max((e.event->>'at')::bigint) from live_events e where e.room_id = live_rooms.id)`;
      const rows = await db
        .selectFrom('live_rooms')
        .selectAll()
        .where('ended_at', 'is', null)
        .where(sql<boolean>`coalesce(${last}, extract(epoch from created_at) * 1000) < ${before}`)
        .execute();
      return rows.map((row) => ({ id: row.id, code: row.code, trainerId: row.trainer_id, cohortId: row.cohort_id, createdAt: row.created_at }));
    },
  };
}

/** `ms` from now on the database's clock. */
const leaseEnd = (ms: number) => sql<Date>`now() + make_interval(secs => ${ms / 1000})`;

export type LiveCoordination = ReturnType<typeof createLiveCoordination>;
