/**
 * `npm run seed:dashboard`: fills a team server's database with a department's worth of play
 * (tools/dashboardSeed.ts), to try the manager's dashboard by hand. Stop the server first (PGlite).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../../server/config.ts';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import { refuseIfOpen } from '../cli/dataFolder.ts';
import { reportingUsage, runWithProcess, UsageError, type CliIo } from '../cli/io.ts';
import { seedDashboard } from '../dashboardSeed.ts';

const USAGE = `Usage: npm run seed:dashboard -- [--data-dir <folder>] [--trainees 500] [--attempts 20000] [--seed 1] [--manager <username>]

Adds cohorts of 25 trainees and their attempts, played on the library's scenarios, to the team
server's database (PGlite: --data-dir, else HTL_DATA_DIR or ./data; PostgreSQL: DATABASE_URL).
The cohorts belong to --manager (a staff username), else to a new manager nobody signs in as:
an admin sees every cohort. Stop a server using the PGlite folder first. The same --seed
makes the same records: seed again with another to add more.
`;

const count = (text: string, flag: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`${flag} takes a whole number, not "${text}"`);
  return value;
};

async function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('seed:dashboard', USAGE, io, async () => {
    const options = { 'data-dir': { type: 'string' }, trainees: { type: 'string', default: '500' }, attempts: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' }, manager: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } as const;
    const { values } = parseArgs({ args: argv, options, strict: true });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    const target: DatabaseTarget = values['data-dir'] ? { kind: 'pglite', dataDir: resolve(values['data-dir']) } : configFromEnv(process.env).database;
    if (target.kind === 'pglite') refuseIfOpen(target.dataDir);
    const started = performance.now();
    const db = await openDatabase(target);
    try {
      const manager = values.manager === undefined ? undefined : await db.selectFrom('staff').select('id').where('username', '=', values.manager).executeTakeFirst();
      if (values.manager !== undefined && !manager) throw new UsageError(`no staff member is called "${values.manager}"`);
      const seeded = await seedDashboard(db, { trainees: count(values.trainees, '--trainees'), attempts: count(values.attempts, '--attempts'), seed: count(values.seed, '--seed'), managerId: manager?.id });
      const where = target.kind === 'pglite' ? target.dataDir : 'PostgreSQL';
      io.stdout(`Seeded ${seeded.traineeIds.length} trainees in ${seeded.cohortIds.length} cohorts with ${values.attempts} attempts into ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
    } finally {
      await db.destroy();
    }
    return 0;
  });
}

await runWithProcess(main);
