import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface PurgeCounts {
  attempts: number;
  trainees: number;
  notes: number;
}

/** The retention period the admin sets, and the purge that keeps to it. */
export function createPrivacyStore(db: Kysely<Database>) {
  const retentionDays = async (): Promise<number | null> =>
    (await db.selectFrom('settings').select('retention_days').where('id', '=', 1).executeTakeFirstOrThrow()).retention_days;

  return {
    retentionDays,

    async setRetentionDays(days: number | null): Promise<void> {
      await db.updateTable('settings').set({ retention_days: days }).where('id', '=', 1).execute();
    },

    /**
     * Deletes what the retention period no longer allows: attempts with no decision since the
     * cutoff (their decisions and scores cascade), then trainees with no attempt left and no
     * session started since; and, whatever the period, expired sessions and spent codes. Plain
     * conditional deletes: running it twice, or on two instances at once, deletes the same rows once.
     */
    async purge(now: Date, signInWindowSeconds: number): Promise<PurgeCounts> {
      const days = await retentionDays();
      let counts: PurgeCounts = { attempts: 0, trainees: 0, notes: 0 };
      if (days !== null) {
        const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
        const attempts = await db
          .deleteFrom('attempts')
          .where('created_at', '<', cutoff)
          .where((where) => where.not(where.exists(where.selectFrom('decisions').select('index').whereRef('decisions.attempt_id', '=', 'attempts.id').where('decisions.received_at', '>=', cutoff))))
          .executeTakeFirst();
        const trainees = await db
          .deleteFrom('trainees')
          .where('created_at', '<', cutoff)
          .where((where) => where.not(where.exists(where.selectFrom('attempts').select('id').whereRef('attempts.trainee_id', '=', 'trainees.id'))))
          .where((where) => where.not(where.exists(where.selectFrom('sessions').select('token_hash').whereRef('sessions.trainee_id', '=', 'trainees.id').where('sessions.created_at', '>=', cutoff))))
          .executeTakeFirst();
        // A coaching note is about the attempts of its time: it goes with them.
        const notes = await db.deleteFrom('coaching_notes').where('created_at', '<', cutoff).executeTakeFirst();
        // A live room's log holds the names typed in it: it goes with the period too (its events cascade).
        await db.deleteFrom('live_rooms').where('created_at', '<', cutoff).execute();
        counts = { attempts: Number(attempts.numDeletedRows), trainees: Number(trainees.numDeletedRows), notes: Number(notes.numDeletedRows) };
      }
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
      await db.deleteFrom('one_time_tokens').where((where) => where.or([where('used_at', 'is not', null), where('expires_at', '<=', now)])).execute();
      await db.deleteFrom('sign_in_failures').where('at', '<', new Date(now.getTime() - signInWindowSeconds * 1000)).execute();
      return counts;
    },
  };
}

export type PrivacyStore = ReturnType<typeof createPrivacyStore>;
