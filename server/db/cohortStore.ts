import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { StaffMember } from './staffStore.ts';
import { attemptSummaries } from './traineeStore.ts';

/**
 * Cohorts and the trainees in them, as staff see them. Every query is scoped to what the staff
 * member may see (an admin: everything; a manager: the cohorts they created), so a cohort or
 * trainee outside it reads exactly like one that does not exist.
 */
export function createCohortStore(db: Kysely<Database>) {
  const visibleCohorts = (viewer: StaffMember) => {
    const cohorts = db.selectFrom('cohorts');
    return viewer.role === 'admin' ? cohorts : cohorts.where('cohorts.manager_id', '=', viewer.id);
  };

  return {
    /** False if the join code is taken (the caller draws another). */
    async createCohort(cohort: { id: string; name: string; joinCode: string; managerId: string }): Promise<boolean> {
      const inserted = await db
        .insertInto('cohorts')
        .values({ id: cohort.id, name: cohort.name, join_code: cohort.joinCode, manager_id: cohort.managerId })
        .onConflict((conflict) => conflict.column('join_code').doNothing())
        .returning('id')
        .executeTakeFirst();
      return Boolean(inserted);
    },

    /** Every cohort by name only, for a trainer running a class: who is in it and how they did stays with its manager. */
    async cohortNames(): Promise<{ id: string; name: string }[]> {
      return db.selectFrom('cohorts').select(['id', 'name']).orderBy('created_at', 'desc').orderBy('id').execute();
    },

    async cohortsOf(viewer: StaffMember) {
      return visibleCohorts(viewer)
        .select(['cohorts.id', 'cohorts.name', 'cohorts.join_code', 'cohorts.created_at'])
        .select((select) => select.selectFrom('trainees').select((count) => count.fn.countAll<number>().as('n')).whereRef('trainees.cohort_id', '=', 'cohorts.id').as('trainee_count'))
        .orderBy('cohorts.created_at', 'desc')
        .orderBy('cohorts.id')
        .execute();
    },

    /** The cohort's trainees with their attempts and the server's scores; undefined if the viewer cannot see the cohort. */
    async traineesOf(viewer: StaffMember, cohortId: string, scoringVersion: number) {
      const cohort = await visibleCohorts(viewer).select('cohorts.id').where('cohorts.id', '=', cohortId).executeTakeFirst();
      if (!cohort) return undefined;
      const trainees = await db.selectFrom('trainees').select(['id', 'name', 'created_at']).where('cohort_id', '=', cohortId).orderBy('created_at').orderBy('id').execute();
      const attempts = await attemptSummaries(db, trainees.map((trainee) => trainee.id), scoringVersion);
      return trainees.map((trainee) => ({ id: trainee.id, name: trainee.name, createdAt: trainee.created_at.getTime(), attempts: attempts.get(trainee.id) ?? [] }));
    },

    /** Deletes a trainee in one of the viewer's cohorts (everything of theirs cascades); false if there is none the viewer can see. */
    async deleteTrainee(viewer: StaffMember, traineeId: string): Promise<boolean> {
      const deleted = await db
        .deleteFrom('trainees')
        .where('id', '=', traineeId)
        .where('cohort_id', 'in', visibleCohorts(viewer).select('cohorts.id'))
        .returning('id')
        .executeTakeFirst();
      return Boolean(deleted);
    },
  };
}

export type CohortStore = ReturnType<typeof createCohortStore>;
