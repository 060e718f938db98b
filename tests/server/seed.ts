import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';

/**
 * A cohort every test database starts with, so `signIn` can make a trainee (a trainee always
 * belongs to a cohort) without each test creating staff first. Its manager has no password, so
 * nobody can sign in as them; tests of staff and cohorts make their own.
 */
export const HARNESS_JOIN_CODE = 'HARN-ESS2';

export async function seedHarnessCohort(db: Kysely<Database>): Promise<void> {
  const managerId = '00000000-0000-4000-8000-000000000001';
  await db.insertInto('staff').values({ id: managerId, username: 'harness-manager', password_hash: '!', role: 'manager' }).execute();
  await db.insertInto('cohorts').values({ id: '00000000-0000-4000-8000-000000000002', name: 'Harness cohort', join_code: HARNESS_JOIN_CODE.replace('-', ''), manager_id: managerId }).execute();
}
