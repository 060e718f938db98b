import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Live rooms (docs/live.md, "Server"): a room and its append-only event log, one row per accepted
 * event, numbered from 1 without gaps; the primary key (room, seq) is what makes two writers of
 * the same next event collide instead of both landing. A room's code is unique among open rooms
 * only, so an ended room's code stops working and may be drawn again. The placeholder tables
 * `rooms` and `room_votes` of 0001 are unused by this design.
 */
export const liveRooms: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('live_rooms')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull())
      // The room goes with the staff member who ran it: its log holds the names typed in it.
      .addColumn('trainer_id', 'uuid', (c) => c.notNull().references('staff.id').onDelete('cascade'))
      .addColumn('cohort_id', 'uuid', (c) => c.references('cohorts.id').onDelete('set null'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('ended_at', 'timestamptz')
      .execute();
    await sql`create unique index live_rooms_open_code on live_rooms (code) where ended_at is null`.execute(db);
    await db.schema.createIndex('live_rooms_by_created').on('live_rooms').column('created_at').execute();
    await db.schema
      .createTable('live_events')
      .addColumn('room_id', 'uuid', (c) => c.notNull().references('live_rooms.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
      .addColumn('event', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('live_events_pk', ['room_id', 'seq'])
      .execute();
  },
};
