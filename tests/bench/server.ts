/**
 * `npm run bench:server`: how many decisions a second the team server records, and how fast it
 * answers, on PGlite and on a durable PostgreSQL it starts itself (fsync and synchronous commit on).
 *
 * The real server runs as its own process (server/main.ts, request logging on, as `npm start`
 * runs it) on loopback, on a fresh database. Trainees join with their own session cookies and play
 * attempts one after another: every request is the valid next decision of its attempt (random
 * legal moves, planned here), which the server re-scores by replaying the attempt; when an attempt
 * ends the trainee starts a new one. After a warm-up, two timed runs of SECONDS each:
 *
 * - saturation: CONNECTIONS trainees (autocannon clients) send each decision as soon as the last
 *   one is answered: the most decisions a second the server records;
 * - goal rate: decisions due at a steady rate (the goal: PGlite 300/s, PostgreSQL 1,000/s) spread
 *   over 2 × CONNECTIONS trainees; latency counts from when each was due.
 *
 * Afterwards every acknowledged decision is checked to be stored. Prints one JSON object on its
 * last line: per database `decisionsPerSecond` (saturation), `p99Ms` (at the goal rate), whether
 * the goal is met (≥ the goal rate, p99 ≤ 50 ms, nothing failed), the server's CPU time per
 * decision at saturation (steadier than the rest on a busy machine), both runs in full, and the
 * load average before each database. BENCH_SECONDS and BENCH_CONNECTIONS override the defaults,
 * BENCH_ONLY=pglite|postgres runs one database, BENCH_PROFILE=<folder> profiles the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseTarget } from '../../server/db/connect.ts';
import { findBinaries, startPostgres } from '../server/postgres.ts';
import { joinOverHttp, startServerProcess } from '../server/process.ts';
import { seedHarnessCohort } from '../server/seed.ts';
import { pace, saturate } from './server/load.ts';
import { planPlaythroughs, Player, type Plan } from './server/player.ts';
import { cpuMsOf } from './cpu.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const GOALS = { pglite: { decisionsPerSecond: 300, p99Ms: 50 }, postgres: { decisionsPerSecond: 1000, p99Ms: 50 } };
type Kind = keyof typeof GOALS;

/** Every acknowledged decision must be stored: a benchmark of a server that loses writes measures nothing. */
async function checkStored(origin: string, player: Player): Promise<void> {
  for (const [attempt, count] of player.acknowledged) {
    const response = await fetch(`${origin}/api/attempts/${attempt}`, { headers: { cookie: player.cookie } });
    const stored = (await response.json()) as { decisions: unknown[] };
    // The last request of a run may have been stored without its answer being read.
    if (stored.decisions.length !== count && stored.decisions.length !== count + 1) throw new Error(`attempt ${attempt}: ${count} decisions acknowledged, ${stored.decisions.length} stored`);
  }
}

async function measure(kind: Kind, target: DatabaseTarget, plans: Plan[]) {
  const loadBefore = loadavg().map((value) => Number(value.toFixed(2)));
  const db = await openDatabase(target);
  await seedHarnessCohort(db).finally(() => db.destroy());
  const profile = process.env.BENCH_PROFILE;
  const server = await startServerProcess(target, {}, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
  try {
    const cookies = await Promise.all(Array.from({ length: 2 * CONNECTIONS }, (_, index) => joinOverHttp(server.origin, `Bench ${index + 1}`)));
    const players = cookies.map((cookie, index) => new Player(cookie, plans, plans[index % plans.length] as Plan));
    const saturating = players.slice(0, CONNECTIONS);
    await saturate(server.origin, saturating, WARMUP_SECONDS);
    const cpuBefore = cpuMsOf(server.child.pid);
    const saturation = (await saturate(server.origin, saturating, SECONDS)).summary();
    const serverCpuMsPerDecision = Number(((cpuMsOf(server.child.pid) - cpuBefore) / saturation.decisions).toFixed(2));
    const goal = GOALS[kind];
    const atGoalRate = (await pace(server.origin, players, goal.decisionsPerSecond, SECONDS)).summary();
    await Promise.all(players.map((player) => checkStored(server.origin, player)));
    const failed = Object.keys(saturation.failed).length + Object.keys(atGoalRate.failed).length;
    return {
      decisionsPerSecond: saturation.decisionsPerSecond,
      p99Ms: atGoalRate.p99Ms,
      goalMet: saturation.decisionsPerSecond >= goal.decisionsPerSecond && atGoalRate.p99Ms <= goal.p99Ms && failed === 0,
      serverCpuMsPerDecision,
      saturation: { connections: CONNECTIONS, ...saturation },
      atGoalRate: { rate: goal.decisionsPerSecond, trainees: players.length, ...atGoalRate },
      loadBefore,
    };
  } finally {
    await server.stop();
  }
}

async function benchPglite(plans: Plan[]) {
  const root = mkdtempSync(join(tmpdir(), 'htl-bench-pglite-'));
  try {
    return await measure('pglite', { kind: 'pglite', dataDir: join(root, 'data') }, plans);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function benchPostgres(plans: Plan[]) {
  try {
    findBinaries();
  } catch (error) {
    return { skipped: (error as Error).message };
  }
  const postgres = await startPostgres({ durable: true });
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database htl_bench');
    await admin.end();
    return await measure('postgres', { kind: 'postgres', url: postgres.url.replace(/\/postgres$/, '/htl_bench') }, plans);
  } finally {
    postgres.stop();
  }
}

const plans = planPlaythroughs(200);
const only = process.env.BENCH_ONLY;
const pglite = only === 'postgres' ? { skipped: 'BENCH_ONLY' } : await benchPglite(plans);
console.log('pglite', JSON.stringify(pglite));
const postgres = only === 'pglite' ? { skipped: 'BENCH_ONLY' } : await benchPostgres(plans);
console.log('postgres', JSON.stringify(postgres));
const verdict = (result: { goalMet: boolean } | { skipped: string }) => ('goalMet' in result ? (result.goalMet ? 'met' : 'NOT met') : 'skipped');
console.log(`goals (PGlite ≥ 300/s, PostgreSQL ≥ 1,000/s, p99 ≤ 50 ms at that rate): PGlite ${verdict(pglite)}, PostgreSQL ${verdict(postgres)}`);
console.log(JSON.stringify({ pglite, postgres }));
