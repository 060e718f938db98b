/**
 * `npm run bench:dashboard`: how fast the team server answers the manager's dashboard over seeded
 * play (tools/dashboardSeed.ts), through the real server and its HTTP routes (in process, `inject`).
 *
 * A department is 500 trainees (20 cohorts of 25) under one manager. By default the database holds
 * one department with 20,000 attempts; `--large` holds 20 departments, each under its own manager,
 * with 50,000 attempts each (1,000,000 in all; minutes to seed, not for CI). The timed manager
 * manages the first department: their views must stay fast however much else the database holds.
 * With --large an admin's view of all 10,000 trainees is timed too.
 *
 * PGlite in a temporary folder by default; `--postgres <url>` (or DATABASE_URL) uses a new database
 * in that PostgreSQL cluster, dropped afterwards. `--runs N` (default 7). Prints one JSON line:
 * seed time, and min/median/max ms of the manager's cohort grid (their department, and one cohort),
 * a trainee, a scenario report and the export.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { createServer } from '../../server/app.ts';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import { loadLibrary } from '../../server/library.ts';
import { seedDashboard } from '../../tools/dashboardSeed.ts';
import { round, spread } from './stats.ts';

const { values } = parseArgs({ options: { postgres: { type: 'string' }, large: { type: 'boolean', default: false }, runs: { type: 'string', default: '7' } }, strict: true });
const DEPARTMENT = 500;
const size = values.large ? { departments: 20, attempts: 50_000 } : { departments: 1, attempts: 20_000 };
const PASSWORD = 'correct horse battery';
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

/** Staff signed in over HTTP: the first admin (from the link the server prints), and a manager the admin creates. */
async function signIn(app: FastifyInstance, token: string) {
  const cookie = (response: LightMyRequestResponse) => ({ htl_staff: response.cookies.find((found) => found.name === 'htl_staff')?.value ?? '' });
  const admin = cookie(await app.inject({ method: 'POST', url: '/api/setup', payload: { token, username: 'bench-admin', password: PASSWORD } }));
  const created = (await app.inject({ method: 'POST', url: '/api/staff/accounts', cookies: admin, payload: { username: 'bench-manager', role: 'manager' } })).json();
  const linkToken = new URL(created.link).hash.replace(/^#reset=/, '');
  await app.inject({ method: 'POST', url: '/api/staff/password', payload: { token: linkToken, password: PASSWORD } });
  return { managerId: created.id as string };
}

const { target, remove } = await freshTarget();
try {
  const library = loadLibrary();
  let token = '';
  const start = () => createServer({ database: target, library, secureCookies: false, onFirstAdminToken: (printed) => (token = printed) });
  let app = await start();
  const { managerId } = await signIn(app, token);
  await app.close();

  const db = await openDatabase(target);
  const seedStart = performance.now();
  const departments = [];
  for (let department = 0; department < size.departments; department++) {
    departments.push(await seedDashboard(db, { trainees: DEPARTMENT, attempts: size.attempts, seed: department + 1, library, managerId: department === 0 ? managerId : undefined }));
  }
  const seedMs = performance.now() - seedStart;
  // What autovacuum does soon after a bulk load: statistics for the planner, and the visibility
  // map that lets the reports' index-only scans skip the table.
  await sql`vacuum analyze`.execute(db);
  const decisions = Number((await sql<{ n: number }>`select count(*) as n from decisions`.execute(db)).rows[0]?.n);
  await db.destroy();

  app = await start();
  try {
    const signInAs = async (username: string) => {
      const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password: PASSWORD } });
      return { htl_staff: response.cookies.find((cookie) => cookie.name === 'htl_staff')?.value ?? '' };
    };
    const [manager, admin] = [await signInAs('bench-manager'), await signInAs('bench-admin')];
    const get = async (url: string, cookies = manager) => {
      const response = await app.inject({ method: 'GET', url, cookies });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return response.json();
    };
    const mine = departments[0] as Awaited<ReturnType<typeof seedDashboard>>;
    const scenario = library[0]?.scenario.id as string;
    const trainee = mine.traineeIds[0] as string;
    const cohort = mine.cohortIds[0] as string;
    const result = {
      database: target.kind,
      trainees: size.departments * DEPARTMENT,
      attempts: size.departments * size.attempts,
      decisions,
      seedMs: Math.round(seedMs),
      managerTrainees: (await get('/api/dashboard/cohort')).trainees.length,
      cohortMs: spread(await timed(runs, () => get('/api/dashboard/cohort'))),
      oneCohortMs: spread(await timed(runs, () => get(`/api/dashboard/cohort?cohort=${cohort}`))),
      filteredCohortMs: spread(await timed(runs, () => get(`/api/dashboard/cohort?language=en&scenario=${scenario}&from=${Date.now() - 30 * 24 * 3600 * 1000}`))),
      traineeMs: spread(await timed(runs, () => get(`/api/dashboard/trainees/${trainee}`))),
      scenarioMs: spread(await timed(runs, () => get(`/api/dashboard/scenarios/${scenario}`))),
      // The department's export is large; three runs are enough.
      exportMs: spread(await timed(Math.min(runs, 3), () => get('/api/dashboard/export'))),
      ...(values.large ? { adminAllCohortsMs: spread(await timed(3, () => get('/api/dashboard/cohort', admin))) } : {}),
      loadAverage: loadavg().map((value) => round(value, 2)),
    };
    console.log(JSON.stringify(result));
  } finally {
    await app.close();
  }
} finally {
  await remove();
}
