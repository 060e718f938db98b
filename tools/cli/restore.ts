/**
 * `npm run restore -- <backup file> --data-dir <folder>`: a backup made by `npm run backup` into a
 * new (or empty) PGlite folder, for the server to start on with HTL_DATA_DIR. It never writes over
 * a folder with anything in it, and leaves nothing behind when the file is not a backup.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { describeRecords, pgliteDataDir } from './dataFolder.ts';
import { reportingUsage, UsageError, type CliIo } from './io.ts';

const USAGE = `Usage: npm run restore -- <backup.tar.gz> [--data-dir <folder>]

Restores a backup made by npm run backup into a new or empty PGlite folder (default: HTL_DATA_DIR
or ./data). Then start the server on it: HTL_DATA_DIR=<folder> npm start
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('restore', USAGE, io, async () => {
    const { values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(`name one backup file to restore (got ${positionals.length})`);
    const file = resolve(positionals[0] as string);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`no backup file at ${file}`);
    const dataDir = pgliteDataDir(values['data-dir'], process.env);
    const existing = statSync(dataDir, { throwIfNoEntry: false });
    if (existing && (!existing.isDirectory() || readdirSync(dataDir).length > 0)) throw new UsageError(`${dataDir} is not empty: restore into a new folder (move the old one away first if you mean to replace it)`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    let db: PGlite;
    try {
      db = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new UsageError(`${file} is not a backup made by npm run backup (${error instanceof Error ? error.message : String(error)})`);
    }
    try {
      io.stdout(`Restored ${await describeRecords(db)} from ${file} into ${dataDir}. Start the server on it: HTL_DATA_DIR=${dataDir} npm start\n`);
    } finally {
      await db.close();
    }
    return 0;
  });
}
