import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { configFromEnv } from '../../server/config.ts';
import { UsageError } from './io.ts';

/** What `npm run backup` and `npm run restore` share: which PGlite folder, whether it is free, what is in it. */

/** The PGlite folder: `--data-dir`, else the server's own (HTL_DATA_DIR or ./data); PostgreSQL has its own tools. */
export function pgliteDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return resolve(flag);
  const { database } = configFromEnv(env);
  if (database.kind === 'postgres') throw new UsageError('DATABASE_URL is set: back up and restore PostgreSQL with pg_dump and pg_restore (docs/deploy.md), or name a PGlite folder with --data-dir');
  return database.dataDir;
}

/**
 * PGlite writes postmaster.pid while a folder is open and removes it on a clean close, and two
 * processes writing one folder would corrupt it: a folder with the file is refused.
 */
export function refuseIfOpen(dataDir: string): void {
  if (existsSync(join(dataDir, 'postmaster.pid'))) {
    throw new UsageError(`${dataDir} is open in a running server, or one that was killed: stop the server (Ctrl+C or SIGTERM) and try again; after a crash, start and stop it once so it recovers the folder`);
  }
}

/** Opens a stopped PGlite folder that holds a database. */
export async function openStoppedFolder(dataDir: string): Promise<PGlite> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new UsageError(`no PGlite database in ${dataDir}`);
  refuseIfOpen(dataDir);
  return PGlite.create(dataDir);
}

/** "3 trainees, 5 attempts, 41 decisions": enough to see at a glance that the right data moved. */
export async function describeRecords(db: PGlite): Promise<string> {
  const { rows } = await db.query<{ migrated: boolean }>("select to_regclass('public.decisions') is not null as migrated");
  if (!rows[0]?.migrated) return 'an empty database';
  const counts = await db.query<Record<string, number>>('select (select count(*) from trainees)::int as trainees, (select count(*) from attempts)::int as attempts, (select count(*) from decisions)::int as decisions');
  return Object.entries(counts.rows[0] ?? {}).map(([table, count]) => `${count} ${table}`).join(', ');
}
