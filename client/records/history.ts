import { assembleAttempt, readProfileRecord, type Attempt, type AttemptRecord, type ProfileRecord } from '../../src/index.ts';
import { DATABASE_NAME, openRecordsDatabase } from './database.ts';

/**
 * A trainee's records as stored on this device, read and never written: for the progress page
 * and the game's "practise from here" links. Every row goes through the pure checks in
 * src/records; a row that fails them is skipped and counted (damaged or edited apart from one
 * written by a newer game), and left exactly where it is.
 */

/** The database's rows as IndexedDB returned them: nothing about them is trusted yet. */
export interface StoredRows {
  profiles: readonly unknown[];
  attempts: readonly unknown[];
  decisions: readonly unknown[];
}

export interface StoredAttempt {
  record: AttemptRecord;
  attempt: Attempt;
}

export interface History {
  profiles: ProfileRecord[];
  /** Readable attempts, oldest first. */
  attempts: StoredAttempt[];
  /** Rows that could not be used: damaged or edited (`skipped`), or written by a newer game (`newer`). */
  skipped: number;
  newer: number;
}

export type HistoryRead = { ok: true; history: History } | { ok: false; problem: 'unavailable' | 'newer'; detail: string };

/** Checks every row; an attempt is readable only with all its decisions readable and in order. */
export function historyFromRows(rows: StoredRows): History {
  let skipped = 0;
  let newer = 0;
  const note = (problem: 'corrupt' | 'edited' | 'newer') => (problem === 'newer' ? newer++ : skipped++);
  const profiles: ProfileRecord[] = [];
  for (const row of rows.profiles) {
    const read = readProfileRecord(row);
    if (read.ok) profiles.push(read.record);
    else note(read.problem);
  }
  // Decisions are grouped by the attempt id they claim; assembleAttempt checks the claim.
  const decisionsByAttempt = new Map<unknown, unknown[]>();
  for (const row of rows.decisions) {
    const attemptId = typeof row === 'object' && row !== null ? (row as { attemptId?: unknown }).attemptId : undefined;
    decisionsByAttempt.set(attemptId, [...(decisionsByAttempt.get(attemptId) ?? []), row]);
  }
  const attempts: StoredAttempt[] = [];
  for (const row of rows.attempts) {
    const id = typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined;
    const assembled = assembleAttempt(row, decisionsByAttempt.get(id) ?? []);
    if (assembled.ok) attempts.push(assembled.record);
    else note(assembled.problem);
  }
  attempts.sort((a, b) => a.record.startedAt - b.record.startedAt);
  return { profiles, attempts, skipped, newer };
}

/**
 * Reads the rows (all of them, or one attempt's) in one read-only transaction. A device that has
 * never played has no database, and none is created here: that is an empty history.
 */
async function readRows(indexedDB: IDBFactory | undefined, attemptId?: string): Promise<{ ok: true; rows: StoredRows } | Extract<HistoryRead, { ok: false }>> {
  const empty: StoredRows = { profiles: [], attempts: [], decisions: [] };
  try {
    if (indexedDB && typeof indexedDB.databases === 'function') {
      const installed = await indexedDB.databases();
      if (!installed.some((database) => database.name === DATABASE_NAME)) return { ok: true, rows: empty };
    }
  } catch {
    // Some private modes refuse even to list databases; opening says what is wrong.
  }
  const opened = await openRecordsDatabase(indexedDB, 3000);
  if (!opened.ok) return opened;
  const { db } = opened;
  try {
    const rows = await db.transaction('r', db.profiles, db.attempts, db.decisions, async (): Promise<StoredRows> => {
      if (attemptId === undefined) return { profiles: await db.profiles.toArray(), attempts: await db.attempts.toArray(), decisions: await db.decisions.toArray() };
      const attempt = await db.attempts.get(attemptId);
      return { profiles: [], attempts: attempt ? [attempt] : [], decisions: attempt ? await db.decisions.where('attemptId').equals(attemptId).toArray() : [] };
    });
    return { ok: true, rows };
  } catch (error) {
    return { ok: false, problem: 'unavailable', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    db.close();
  }
}

/** Every profile and attempt on this device. */
export async function readHistory(indexedDB: IDBFactory | undefined): Promise<HistoryRead> {
  const read = await readRows(indexedDB);
  return read.ok ? { ok: true, history: historyFromRows(read.rows) } : read;
}

export type AttemptRead = { ok: true; stored: StoredAttempt } | { ok: false; problem: 'unavailable' | 'newer' | 'missing' | 'unreadable'; detail: string };

/** One attempt with its decisions, checked: "practise from here" replays its start. */
export async function readStoredAttempt(indexedDB: IDBFactory | undefined, attemptId: string): Promise<AttemptRead> {
  const read = await readRows(indexedDB, attemptId);
  if (!read.ok) return read;
  const [row] = read.rows.attempts;
  if (row === undefined) return { ok: false, problem: 'missing', detail: `no attempt "${attemptId}" on this device` };
  const assembled = assembleAttempt(row, read.rows.decisions);
  if (!assembled.ok) return { ok: false, problem: assembled.problem === 'newer' ? 'newer' : 'unreadable', detail: assembled.reason };
  return { ok: true, stored: assembled.record };
}
