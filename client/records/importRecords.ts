import type { AttemptRecord, DecisionRecord, ProfileRecord } from '../../src/index.ts';
import { openRecordsDatabase } from './database.ts';

/** Checked records from another device's export (views/dashboard/transfer.ts checks them). */
export interface ImportedRecords {
  profiles: readonly ProfileRecord[];
  attempts: readonly AttemptRecord[];
  decisions: readonly DecisionRecord[];
}

export type ImportResult = { ok: true; added: number; present: number } | { ok: false; problem: 'unavailable' | 'newer'; detail: string };

/**
 * Adds the records this device does not have, in one transaction: a profile or attempt whose id is
 * already here is left exactly as it is (with its decisions), so nothing existing changes and a
 * second import of the same file adds nothing. A trainee already here by name (the same person on
 * another device) keeps one profile: the imported attempts join it.
 */
export async function importRecords(indexedDB: IDBFactory | undefined, records: ImportedRecords): Promise<ImportResult> {
  const opened = await openRecordsDatabase(indexedDB, 3000);
  if (!opened.ok) return opened;
  const { db } = opened;
  try {
    return await db.transaction('rw', db.profiles, db.attempts, db.decisions, async () => {
      const local = await db.profiles.toArray();
      const byId = new Set(local.map((profile) => profile.id));
      const byName = new Map(local.map((profile) => [profile.name, profile.id]));
      const profileOf = new Map<string, string>();
      const newProfiles: ProfileRecord[] = [];
      for (const profile of records.profiles) {
        const here = byId.has(profile.id) ? profile.id : byName.get(profile.name);
        if (here === undefined) newProfiles.push(profile);
        profileOf.set(profile.id, here ?? profile.id);
      }
      await db.profiles.bulkAdd(newProfiles);
      const knownAttempts = new Set(await db.attempts.bulkGet(records.attempts.map((attempt) => attempt.id)).then((rows) => rows.flatMap((row) => (row ? [row.id] : []))));
      const added = records.attempts.filter((attempt) => !knownAttempts.has(attempt.id)).map((attempt) => ({ ...attempt, profileId: profileOf.get(attempt.profileId) ?? attempt.profileId }));
      const addedIds = new Set(added.map((attempt) => attempt.id));
      await db.attempts.bulkAdd(added);
      await db.decisions.bulkAdd(records.decisions.filter((decision) => addedIds.has(decision.attemptId)));
      return { ok: true as const, added: added.length, present: records.attempts.length - added.length };
    });
  } catch (error) {
    return { ok: false, problem: 'unavailable', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    db.close();
  }
}
