import type { Kysely } from 'kysely';
import type { LiveResult, LiveSessionRow, SessionSummary } from '../../src/index.ts';
import type { Database } from '../db/schema.ts';
import type { LiveRoom } from './roomStore.ts';

/** A room as its trainer lists it afterwards. */
export interface RoomListing {
  id: string;
  code: string;
  cohortId: string | null;
  createdAt: Date;
  endedAt: Date | null;
}

/**
 * Who in a live room is a cohort trainee, and what the room leaves behind when it ends
 * (docs/live.md, "Results"): each trainee's result, and the room's summary. Every write is
 * "only where still empty", so saving twice (a restart, a second instance) adds nothing.
 */
export function createLiveResultsStore(db: Kysely<Database>) {
  return {
    /** The trainee a session cookie signs in, if they are in `cohortId`: such a phone joins the room as them. */
    async cohortTrainee(tokenHash: string, cohortId: string, now: Date): Promise<{ id: string; name: string } | undefined> {
      return db
        .selectFrom('sessions')
        .innerJoin('trainees', 'trainees.id', 'sessions.trainee_id')
        .select(['trainees.id', 'trainees.name'])
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', now)
        .where('trainees.cohort_id', '=', cohortId)
        .executeTakeFirst();
    },

    /** Notes that the room's participant is this trainee (once; joining again changes nothing). */
    async claimSeat(roomId: string, participantId: string, traineeId: string): Promise<void> {
      await db.insertInto('live_trainees').values({ room_id: roomId, participant_id: participantId, trainee_id: traineeId }).onConflict((conflict) => conflict.doNothing()).execute();
    },

    /** The room's trainee participants. */
    async seats(roomId: string): Promise<{ participantId: string; traineeId: string }[]> {
      const rows = await db.selectFrom('live_trainees').select(['participant_id', 'trainee_id']).where('room_id', '=', roomId).execute();
      return rows.map((row) => ({ participantId: row.participant_id, traineeId: row.trainee_id }));
    },

    /** Saves the room's summary and its trainees' results, each only if not saved already. */
    async saveResults(roomId: string, summary: SessionSummary, results: readonly { participantId: string; result: LiveResult }[]): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('live_rooms').set({ summary: JSON.stringify(summary) }).where('id', '=', roomId).where('summary', 'is', null).execute();
        for (const { participantId, result } of results) {
          await tx.updateTable('live_trainees').set({ result: JSON.stringify(result) }).where('room_id', '=', roomId).where('participant_id', '=', participantId).where('result', 'is', null).execute();
        }
      });
    },

    /** A trainee's live sessions with a saved result, oldest first. */
    async sessionsOf(traineeId: string): Promise<LiveSessionRow[]> {
      const rows = await db
        .selectFrom('live_trainees')
        .innerJoin('live_rooms', 'live_rooms.id', 'live_trainees.room_id')
        .select(['live_rooms.id', 'live_rooms.ended_at', 'live_trainees.result'])
        .select((select) => select.fn<string[]>('jsonb_path_query_array', ['live_rooms.summary', select.val('$.attempts[*].scenario')]).as('scenarios'))
        .where('live_trainees.trainee_id', '=', traineeId)
        .where('live_trainees.result', 'is not', null)
        .orderBy('live_rooms.ended_at')
        .orderBy('live_rooms.id')
        .execute();
      return rows.map((row) => ({ roomId: row.id, endedAt: row.ended_at?.getTime() ?? 0, scenarios: row.scenarios ?? [], ...(row.result as LiveResult) }));
    },

    /** The staff member's rooms, newest first (at most `limit`). */
    async roomsOf(trainerId: string, limit: number): Promise<RoomListing[]> {
      const rows = await db
        .selectFrom('live_rooms')
        .select(['id', 'code', 'cohort_id', 'created_at', 'ended_at'])
        .where('trainer_id', '=', trainerId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ id: row.id, code: row.code, cohortId: row.cohort_id, createdAt: row.created_at, endedAt: row.ended_at }));
    },

    /** Ended rooms whose summary was never saved (the instance that stored `ended` stopped first), oldest first. */
    async unsaved(limit: number): Promise<LiveRoom[]> {
      const rows = await db
        .selectFrom('live_rooms')
        .select(['id', 'code', 'cohort_id', 'created_at', 'trainer_id'])
        .where('ended_at', 'is not', null)
        .where('summary', 'is', null)
        .orderBy('ended_at')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ id: row.id, code: row.code, trainerId: row.trainer_id, cohortId: row.cohort_id, createdAt: row.created_at }));
    },

    /** A room's saved summary and who ran it; undefined for no such room. */
    async savedSummary(roomId: string): Promise<{ trainerId: string; room: RoomListing; summary: SessionSummary | null } | undefined> {
      const row = await db.selectFrom('live_rooms').select(['id', 'code', 'cohort_id', 'created_at', 'ended_at', 'trainer_id', 'summary']).where('id', '=', roomId).executeTakeFirst();
      return row && { trainerId: row.trainer_id, summary: row.summary, room: { id: row.id, code: row.code, cohortId: row.cohort_id, createdAt: row.created_at, endedAt: row.ended_at } };
    },
  };
}

export type LiveResultsStore = ReturnType<typeof createLiveResultsStore>;
