import Dexie, { type Table, type Transaction } from 'dexie';
import type { AttemptRecord, DecisionRecord, ProfileRecord } from '../../src/index.ts';
import type { OutboxEntry, TeamAttempt } from '../sync/outbox.ts';

/**
 * The trainee records database (IndexedDB through Dexie). Loaded on demand, so the game starts
 * without it and plays on without it when the browser has no IndexedDB.
 *
 * Schema versions are listed oldest first and never edited once shipped: a change is a new entry
 * with the stores as they become and, where old rows need rewriting, an `upgrade` that rewrites
 * them (reading each with the pure record checks in src/records, which also carry a schema
 * version per record). Dexie runs the upgrades a database is missing, in order, in one
 * transaction: an upgrade that throws leaves the database as it was.
 */
export const DATABASE_NAME = 'hold-the-line';

interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (transaction: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Primary key first, then indexes. A profile is found by name; an attempt by profile; decisions by (attempt, index).
      profiles: 'id, name',
      attempts: 'id, profileId, updatedAt',
      decisions: '[attemptId+index], attemptId',
    },
  },
  {
    version: 2,
    stores: {
      // What waits for the team server, in the order it was queued (the auto-incremented key), findable by attempt.
      outbox: '++seq, attemptId',
      // Attempts played signed in to a team server: whose they are there, and the version of the rules they were played under.
      teamAttempts: 'attemptId, traineeId',
    },
  },
];

export const LATEST_VERSION = Math.max(...SCHEMA_VERSIONS.map((entry) => entry.version));
/** Dexie opens IndexedDB with ten times its version number. */
export const NATIVE_VERSION = LATEST_VERSION * 10;

export class RecordsDatabase extends Dexie {
  profiles!: Table<ProfileRecord, string>;
  attempts!: Table<AttemptRecord, string>;
  decisions!: Table<DecisionRecord, [string, number]>;
  outbox!: Table<OutboxEntry, number>;
  teamAttempts!: Table<TeamAttempt, string>;

  constructor(indexedDB: IDBFactory) {
    super(DATABASE_NAME, { indexedDB, IDBKeyRange, autoOpen: false });
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

export type OpenResult = { ok: true; db: RecordsDatabase } | { ok: false; problem: 'unavailable' | 'newer'; detail: string };

/**
 * Opens the records database, or says why not. A database written by a newer game is refused
 * before anything writes to it: Dexie 4 would otherwise open it at its own version and add any
 * store it misses. Nothing here ever deletes a database.
 */
export async function openRecordsDatabase(indexedDB: IDBFactory | undefined, timeoutMs: number): Promise<OpenResult> {
  if (!indexedDB) return { ok: false, problem: 'unavailable', detail: 'this browser has no IndexedDB' };
  try {
    if (typeof indexedDB.databases === 'function') {
      const installed = (await indexedDB.databases()).find((database) => database.name === DATABASE_NAME);
      if (installed?.version !== undefined && installed.version > NATIVE_VERSION) return newer(installed.version);
    }
    const db = new RecordsDatabase(indexedDB);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`opening took over ${timeoutMs} ms (another tab may be upgrading it)`)), timeoutMs);
    });
    try {
      await Promise.race([db.open(), timeout]);
    } catch (error) {
      db.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    const opened = db.backendDB().version;
    if (opened > NATIVE_VERSION) {
      db.close();
      return newer(opened);
    }
    return { ok: true, db };
  } catch (error) {
    return { ok: false, problem: 'unavailable', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const newer = (version: number): OpenResult => ({ ok: false, problem: 'newer', detail: `the records database is at version ${version / 10}; this game knows up to ${LATEST_VERSION}` });

/** A write refused for lack of room, however the browser and Dexie wrap it. */
export function isQuotaError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { name, inner } = current as { name?: string; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    current = inner;
  }
  return false;
}
