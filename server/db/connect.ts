import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';

/** Where the data lives: a PostgreSQL server, or PGlite (PostgreSQL compiled to WASM) in a folder. */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/**
 * Opens the database and migrates it to the newest schema. `destroy()` closes it (and PGlite's
 * files). `onConnectionLost` hears of pooled PostgreSQL connections the server dropped (a restart,
 * an administrator); the pool replaces them, so the process must not die of it.
 */
export async function openDatabase(target: DatabaseTarget, onConnectionLost: (error: Error) => void = () => {}): Promise<Kysely<Database>> {
  const source = target.kind === 'postgres' ? target.url : await openPglite(target.dataDir);
  const db = new Kysely<Database>({ dialect: typeof source === 'string' ? postgresDialect(source, onConnectionLost) : new PGliteDialect(source) });
  notificationSources.set(db, source);
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** bigint columns (seeds up to 2³², outbox ids) read as numbers, as PGlite reads them. */
const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

function postgresDialect(url: string, onConnectionLost: (error: Error) => void) {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: { getTypeParser } });
  pool.on('error', onConnectionLost);
  return new PostgresDialect({ pool });
}

function openPglite(dataDir: string): Promise<PGlite> {
  // The folder holds every trainee's records: readable by the server's user only.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // create() waits until the files are ready; a new folder takes a few seconds to initialise.
  return PGlite.create(dataDir);
}

/** What LISTEN needs and Kysely does not expose: the PGlite instance itself, or the URL to open a connection of its own on. */
const notificationSources = new WeakMap<Kysely<Database>, PGlite | string>();

/** Where `db` hears NOTIFY (server/live/bus.ts). */
export function notificationSourceOf(db: Kysely<Database>): PGlite | string {
  const source = notificationSources.get(db);
  if (source === undefined) throw new Error('this database was not opened by openDatabase');
  return source;
}
