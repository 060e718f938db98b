/**
 * `npm run bench:dashboard`: how fast the team server answers the manager's dashboard over a
 * seeded department (tools/dashboardSeed.ts), through the real server and its HTTP routes (in
 * process, `inject`), signed in as an admin who sees every cohort.
 *
 * PGlite in a temporary folder by default; `--postgres <url>` (or DATABASE_URL) uses a new database
 * in that PostgreSQL cluster, dropped afterwards. Default 500 trainees and 20,000 attempts;
 * `--large` 10,000 trainees and 1,000,000 attempts (minutes to seed; not for CI); `--runs N`.
 * Prints one JSON line: seed time, and min/median/max ms of the cohort grid (whole department and
 * one cohort of 25), a trainee, a scenario report and the export.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { createServer } from '../../server/app.ts';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import { loadLibrary } from '../../server/library.ts';
import { seedDashboard } from '../../tools/dashboardSeed.ts';
import { round, spread } from './stats.ts';

const { values } = parseArgs({ options: { postgres: { type: 'string' }, large: { type: 'boolean', default: false }, runs: { type: 'string', default: '7' } }, strict: true });
const size = values.large ? { trainees: 10_000, attempts: 1_000_000 } : { trainees: 500, attempts: 20_000 };
const runs = Number(values.runs);
const postgresUrl = values.postgres ?? process.env.DATABASE_URL;

/** A database of its own: a new PGlite folder, or a new database in the cluster (dropped by `remove`). */
async function freshTarget(): Promise<{ target: DatabaseTarget; remove: () => Promise<void> }> {
  if (!postgresUrl) {
    const root = mkdtempSync(join(tmpdir(), 'htl-bench-dashboard-'));
    return { target: { kind: 'pglite', dataDir: join(root, 'data') }, remove: async () => rmSync(root, { recursive: true, force: true }) };
  }
  const name = `htl_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`create database ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return { target: { kind: 'postgres', url: url.href }, remove: () => admin(`drop database ${name} with (force)`) };
}

async function timed(times: number, work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm-up: plans cached, pages in memory
  const durations: number[] = [];
  for (let run = 0; run < times; run++) {
    const start = performance.now();
    await work();
    durations.push(performance.now() - start);
  }
  return durations;
}

const { target, remove } = await freshTarget();
try {
  const library = loadLibrary();
  const db = await openDatabase(target);
  const seedStart = performance.now();
  const seeded = await seedDashboard(db, { ...size, seed: 1, library });
  const seedMs = performance.now() - seedStart;
  // What autovacuum would have done by the time anyone reads: statistics for the planner.
  await sql`analyze`.execute(db);
  const decisions = Number((await sql<{ n: number }>`select count(*) as n from decisions`.execute(db)).rows[0]?.n);
  await db.destroy();

  let token = '';
  const app = await createServer({ database: target, library, secureCookies: false, onFirstAdminToken: (printed) => (token = printed) });
  try {
    const setup = await app.inject({ method: 'POST', url: '/api/setup', payload: { token, username: 'bench-admin', password: 'correct horse battery' } });
    const cookies = { htl_staff: setup.cookies.find((cookie) => cookie.name === 'htl_staff')?.value ?? '' };
    const get = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, cookies });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return response.json();
    };
    const scenario = library[0]?.scenario.id as string;
    const trainee = seeded.traineeIds[0] as string;
    const cohort = seeded.cohortIds[0] as string;
    const department = await get('/api/dashboard/cohort');
    const result = {
      database: target.kind,
      trainees: seeded.traineeIds.length,
      attempts: size.attempts,
      decisions,
      seedMs: Math.round(seedMs),
      cohortMs: spread(await timed(runs, () => get('/api/dashboard/cohort'))),
      cohortRows: department.trainees.length,
      oneCohortMs: spread(await timed(runs, () => get(`/api/dashboard/cohort?cohort=${cohort}`))),
      traineeMs: spread(await timed(runs, () => get(`/api/dashboard/trainees/${trainee}`))),
      scenarioMs: spread(await timed(runs, () => get(`/api/dashboard/scenarios/${scenario}`))),
      oneCohortScenarioMs: spread(await timed(runs, () => get(`/api/dashboard/scenarios/${scenario}?cohort=${cohort}`))),
      // The whole department's export is large; three runs are enough.
      exportMs: spread(await timed(Math.min(runs, 3), () => get(values.large ? `/api/dashboard/export?cohort=${cohort}` : '/api/dashboard/export'))),
      exportScope: values.large ? 'one cohort' : 'department',
      loadAverage: loadavg().map((value) => round(value, 2)),
    };
    console.log(JSON.stringify(result));
  } finally {
    await app.close();
  }
} finally {
  await remove();
}
