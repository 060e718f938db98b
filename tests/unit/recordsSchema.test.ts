import { describe, expect, it } from 'vitest';
import { isQuotaError, LATEST_VERSION, NATIVE_VERSION, SCHEMA_VERSIONS } from '../../client/records/database.ts';

/**
 * The records database's schema history. A shipped version is never edited: trainees' browsers
 * already hold databases at it, and Dexie would not upgrade them again. A change is a new version.
 */
const SHIPPED: Record<number, Record<string, string | null>> = {
  1: { profiles: 'id, name', attempts: 'id, profileId, updatedAt', decisions: '[attemptId+index], attemptId' },
  2: { outbox: '++seq, attemptId', teamAttempts: 'attemptId, traineeId' },
};

describe('records database schema', () => {
  it('keeps every shipped version exactly as it shipped', () => {
    for (const [version, stores] of Object.entries(SHIPPED)) {
      expect(SCHEMA_VERSIONS.find((entry) => entry.version === Number(version))?.stores, `schema version ${version}`).toEqual(stores);
    }
  });

  it('lists versions oldest first, one step at a time, and opens IndexedDB at ten times the latest', () => {
    expect(SCHEMA_VERSIONS.map((entry) => entry.version)).toEqual(SCHEMA_VERSIONS.map((_, index) => index + 1));
    expect(NATIVE_VERSION).toBe(LATEST_VERSION * 10);
  });

  it('knows a refused write for lack of room however it is wrapped', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'DexieError', inner: quota } })).toBe(true);
    expect(isQuotaError(new DOMException('closed', 'InvalidStateError'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});
