import type { Kysely } from 'kysely';
import type { CoachingNote } from '../../src/index.ts';
import type { Database } from './schema.ts';
import type { StaffMember } from './staffStore.ts';

/**
 * Coaching notes: a manager (or an admin) writes them to a trainee they may see; the trainee reads
 * their own. The author is always the signed-in staff member, never something a request says.
 */
export function createNotesStore(db: Kysely<Database>) {
  /** The trainees the viewer may see, as a subquery of ids. */
  const reachable = (viewer: StaffMember) =>
    db
      .selectFrom('trainees')
      .innerJoin('cohorts', 'cohorts.id', 'trainees.cohort_id')
      .select('trainees.id')
      .$if(viewer.role !== 'admin', (query) => query.where('cohorts.manager_id', '=', viewer.id));

  return {
    /** Newest first. */
    async notesOf(traineeId: string): Promise<CoachingNote[]> {
      const rows = await db
        .selectFrom('coaching_notes')
        .innerJoin('staff', 'staff.id', 'coaching_notes.author_id')
        .select(['coaching_notes.id', 'coaching_notes.text', 'staff.username', 'coaching_notes.created_at'])
        .where('coaching_notes.trainee_id', '=', traineeId)
        .orderBy('coaching_notes.created_at', 'desc')
        .orderBy('coaching_notes.id', 'desc')
        .execute();
      return rows.map((row) => ({ id: row.id, text: row.text, author: row.username, createdAt: row.created_at.getTime() }));
    },

    /** The new note, or undefined if the viewer cannot see the trainee (checked in the same statement as the insert). */
    async create(viewer: StaffMember, note: { id: string; traineeId: string; text: string }): Promise<CoachingNote | undefined> {
      const inserted = await db
        .insertInto('coaching_notes')
        .columns(['trainee_id', 'id', 'author_id', 'text'])
        .expression((eb) =>
          reachable(viewer)
            .select([eb.cast(eb.val(note.id), 'uuid').as('id'), eb.cast(eb.val(viewer.id), 'uuid').as('author_id'), eb.cast(eb.val(note.text), 'text').as('text')])
            .where('trainees.id', '=', note.traineeId),
        )
        .returning('created_at')
        .executeTakeFirst();
      return inserted && { id: note.id, text: note.text, author: viewer.username, createdAt: inserted.created_at.getTime() };
    },

    /** Its author or an admin deletes a note; 'notFound' when the viewer cannot see its trainee. */
    async delete(viewer: StaffMember, noteId: string): Promise<'deleted' | 'forbidden' | 'notFound'> {
      const note = await db.selectFrom('coaching_notes').select('author_id').where('id', '=', noteId).where('trainee_id', 'in', reachable(viewer)).executeTakeFirst();
      if (!note) return 'notFound';
      if (viewer.role !== 'admin' && note.author_id !== viewer.id) return 'forbidden';
      await db.deleteFrom('coaching_notes').where('id', '=', noteId).execute();
      return 'deleted';
    },
  };
}

export type NotesStore = ReturnType<typeof createNotesStore>;
