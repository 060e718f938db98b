/**
 * `npm run backup -- <file or folder>`: a copy of the team server's PGlite database in one file
 * (PGlite's own dump of its folder, a .tar.gz), taken while the server is stopped, since one PGlite
 * folder belongs to one process. `npm run restore` brings it back. PostgreSQL: pg_dump (docs/deploy.md).
 */
import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeRecords, openStoppedFolder, pgliteDataDir } from './dataFolder.ts';
import { reportingUsage, UsageError, type CliIo } from './io.ts';

const USAGE = `Usage: npm run backup -- <file.tar.gz | folder> [--data-dir <folder>]

Writes the team server's records (PGlite) to one file; into a folder, as htl-backup-<time>.tar.gz.
Stop the server first. --data-dir names the PGlite folder (default: HTL_DATA_DIR or ./data).
Never overwrites a file. Restore with: npm run restore -- <file> --data-dir <new folder>
`;

/** A folder gets a new file named by the time; a file is written only if it does not exist yet. */
function backupFile(target: string, now: Date): string {
  const path = resolve(target);
  const isFolder = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  return isFolder ? join(path, `htl-backup-${now.toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.tar.gz`) : path;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('backup', USAGE, io, async () => {
    const { values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(`name one file or folder to write the backup to (got ${positionals.length})`);
    const dataDir = pgliteDataDir(values['data-dir'], process.env);
    const file = backupFile(positionals[0] as string, new Date());
    if (statSync(file, { throwIfNoEntry: false })) throw new UsageError(`${file} exists: a backup never overwrites a file`);
    const db = await openStoppedFolder(dataDir);
    try {
      const records = await describeRecords(db);
      const dump = await db.dumpDataDir('gzip');
      // Readable by the owner only, like the folder it copies: it holds every trainee's records.
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600, flag: 'wx' });
      io.stdout(`Backed up ${records} from ${dataDir} to ${file} (${Math.ceil(dump.size / 1024)} KB).\n`);
    } finally {
      await db.close();
    }
    return 0;
  });
}
