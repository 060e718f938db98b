import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What a live session leaves behind (docs/live.md, "Results"). `live_trainees` says which
 * participant of a room is which trainee (a cohort trainee joining from a signed-in phone) and,
 * once the room has ended, their result; the room keeps its summary. Both are written once, only
 * where still empty, so a second writer (a restart, another instance) adds nothing. A trainee's
 * rows go with the trainee, a room's with the room. The placeholder tables of 0001, `rooms` and
 * `room_votes`, were never used: the live design keeps votes in the room's log.
 */
export const liveResults: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropTable('room_votes').execute();
    await db.schema.dropTable('rooms').execute();
    await db.schema
      .createTable('live_trainees')
      .addColumn('room_id', 'uuid', (c) => c.notNull().references('live_rooms.id').onDelete('cascade'))
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('trainee_id', 'uuid', (c) => c.notNull().references('trainees.id').onDelete('cascade'))
      // Null until the room ends: then their score as a participant and their hot-seat credit.
      .addColumn('result', 'jsonb')
      .addPrimaryKeyConstraint('live_trainees_pk', ['room_id', 'participant_id'])
      .addUniqueConstraint('live_trainees_once', ['room_id', 'trainee_id'])
      .execute();
    await db.schema.createIndex('live_trainees_by_trainee').on('live_trainees').column('trainee_id').execute();
    await db.schema.alterTable('live_rooms').addColumn('summary', 'jsonb').execute();
    // The trainer's list of their rooms, newest first.
    await sql`create index live_rooms_by_trainer on live_rooms (trainer_id, created_at desc)`.execute(db);
  },
};
