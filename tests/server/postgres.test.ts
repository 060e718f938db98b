import { afterEach, expect, test, vi } from 'vitest';
import { findBinaries } from './postgres.ts';

afterEach(() => vi.unstubAllEnvs());

test('missing PostgreSQL binaries are named, with how to install them', () => {
  vi.stubEnv('PG_BIN', '/nowhere/bin');
  expect(() => findBinaries()).toThrow("The server tests need PostgreSQL's server binaries (initdb, pg_ctl) and found none in PG_BIN (/nowhere/bin). On Debian: apt-get install postgresql.");
});
