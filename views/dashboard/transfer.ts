import { assembleAttempt, decisionRecord, readProfileRecord, type AttemptRecord, type DecisionRecord, type ProfileRecord } from '../../src/index.ts';
import type { History } from '../../client/records/history.ts';

/**
 * The device's records as a file, and back: moving a trainee's history to another device. The
 * file holds the records as stored (their ids fixed when they were made), so importing it twice,
 * or on the device it came from, adds nothing the second time.
 */
export const RECORDS_FORMAT = 'hold-the-line-records';
export const RECORDS_FILE_VERSION = 1;

export interface RecordsFile {
  format: typeof RECORDS_FORMAT;
  version: typeof RECORDS_FILE_VERSION;
  exportedAt: number;
  profiles: ProfileRecord[];
  attempts: AttemptRecord[];
  decisions: DecisionRecord[];
}

/** Every readable record of the device (damaged ones stay behind, as the page does not show them either). */
export function recordsFile(history: History, now: number): RecordsFile {
  return {
    format: RECORDS_FORMAT,
    version: RECORDS_FILE_VERSION,
    exportedAt: now,
    profiles: history.profiles,
    attempts: history.attempts.map(({ record }) => record),
    decisions: history.attempts.flatMap(({ record, attempt }) => attempt.decisions.map((decision, index) => decisionRecord(record.id, index, decision))),
  };
}

/** Why a file is refused: the page words the kind; `detail` names the record and what is wrong with it (from the core's checks). */
export type FileProblem = { kind: 'notJson' | 'notExport' | 'newer' } | { kind: 'record'; detail: string };

/**
 * Reads an export, checking every record as the device's own are checked; one bad record refuses
 * the whole file, so an import is all or nothing.
 */
export function readRecordsFile(text: string): { ok: true; file: RecordsFile } | { ok: false; problem: FileProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: { kind: 'notJson' } };
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== RECORDS_FORMAT) return { ok: false, problem: { kind: 'notExport' } };
  const { version, profiles, attempts, decisions } = value as Record<string, unknown>;
  if (typeof version === 'number' && version > RECORDS_FILE_VERSION) return { ok: false, problem: { kind: 'newer' } };
  if (version !== RECORDS_FILE_VERSION || !Array.isArray(profiles) || !Array.isArray(attempts) || !Array.isArray(decisions)) return { ok: false, problem: { kind: 'notExport' } };
  for (const [position, profile] of profiles.entries()) {
    const read = readProfileRecord(profile);
    if (!read.ok) return { ok: false, problem: { kind: 'record', detail: `profile ${position + 1}: ${read.reason}` } };
  }
  const byAttempt = new Map<unknown, unknown[]>();
  for (const decision of decisions) {
    const id = typeof decision === 'object' && decision !== null ? (decision as { attemptId?: unknown }).attemptId : undefined;
    byAttempt.set(id, [...(byAttempt.get(id) ?? []), decision]);
  }
  const ids = new Set<unknown>();
  for (const [position, attempt] of attempts.entries()) {
    const id = typeof attempt === 'object' && attempt !== null ? (attempt as { id?: unknown }).id : undefined;
    if (ids.has(id)) return { ok: false, problem: { kind: 'record', detail: `attempt ${position + 1}: its id appears twice` } };
    ids.add(id);
    const assembled = assembleAttempt(attempt, byAttempt.get(id) ?? []);
    if (!assembled.ok) return { ok: false, problem: assembled.problem === 'newer' ? { kind: 'newer' } : { kind: 'record', detail: `attempt ${position + 1}: ${assembled.reason}` } };
  }
  const orphan = decisions.find((decision) => !ids.has((decision as { attemptId?: unknown }).attemptId));
  if (orphan !== undefined) return { ok: false, problem: { kind: 'record', detail: 'a decision belongs to no attempt in the file' } };
  return { ok: true, file: value as RecordsFile };
}
