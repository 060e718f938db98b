import { sql, type Kysely, type Migration } from 'kysely';

/**
 * One owner per live room across server instances (docs/live.md, "Server"): the lease an instance
 * holds on a room while it runs the room's actor (`expires_at` on the database's clock, the one
 * clock all instances share), and the events other instances forward to that owner, each waiting
 * to be taken (deleted) by it. Both go with their room.
 */
export const liveLeases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('live_leases')
      .addColumn('room_id', 'uuid', (c) => c.primaryKey().references('live_rooms.id').onDelete('cascade'))
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('live_commands')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      // The order they were sent in, which the owner keeps.
      .addColumn('n', 'bigint', (c) => c.generatedAlwaysAsIdentity())
      .addColumn('room_id', 'uuid', (c) => c.notNull().references('live_rooms.id').onDelete('cascade'))
      .addColumn('event', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema.createIndex('live_commands_by_room').on('live_commands').columns(['room_id', 'n']).execute();
  },
};
