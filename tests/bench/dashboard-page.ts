import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createServer } from '../../server/app.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { loadLibrary } from '../../server/library.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { seedDashboard } from '../../tools/dashboardSeed.ts';
import { median, round } from './stats.ts';

/**
 * The results page at a department's size: a team server on PGlite seeded with 500 trainees and
 * 20,000 attempts (tools/dashboardSeed.ts), an admin (who sees every cohort) in headless Chromium.
 * `dashboardRenderMs`: from navigation until the cohort grid is on screen; `dashboardFilterMs`: from
 * a cohort filter change until the grid shows that cohort (a round trip to the server's SQL).
 */
const READY = 'htl:dashboard-ready';
const RUNS = 5;
const PASSWORD = 'benchmark admin password';

async function seededServer(): Promise<{ origin: string; cookie: string; close: () => Promise<void> }> {
  const folder = mkdtempSync(join(tmpdir(), 'htl-bench-dashboard-'));
  const database = { kind: 'pglite' as const, dataDir: join(folder, 'data') };
  const library = loadLibrary();
  let token = '';
  const start = (): Promise<FastifyInstance> => createServer({ database, library, staticDir: join(PROJECT_ROOT, 'dist'), secureCookies: false, onFirstAdminToken: (offered) => (token ||= offered) });
  let app = await start();
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const setup = await fetch(`${origin}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username: 'admin', password: PASSWORD }) });
  if (setup.status !== 201) throw new Error(`first admin: ${setup.status} ${await setup.text()}`);
  const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] as string;
  await app.close();
  // PGlite has one user of its folder at a time: the seed writes while the server is down.
  const db = await openDatabase(database);
  const seeding = performance.now();
  await seedDashboard(db, { trainees: 500, attempts: 20_000, seed: 12 });
  process.stderr.write(`dashboard: seeded 500 trainees, 20,000 attempts in ${round((performance.now() - seeding) / 1000)} s\n`);
  await db.destroy();
  app = await start();
  const port = new URL(origin).port;
  await app.listen({ host: '127.0.0.1', port: Number(port) });
  return {
    origin,
    cookie,
    close: async () => {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Milliseconds from navigation until the grid's first ready mark. */
async function renderTime(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const mark = await page.waitForFunction(`performance.getEntriesByName(${JSON.stringify(READY)})[0]?.startTime`, undefined, { timeout: 60_000 });
  return Number(await mark.jsonValue());
}

/** Milliseconds from choosing a cohort in the filter until the grid is ready again. */
async function filterTime(page: Page, cohortIndex: number): Promise<number> {
  const started = Number(
    await page.evaluate(`(() => {
      const select = document.querySelector('#f-cohort');
      const started = performance.now();
      select.selectedIndex = ${cohortIndex};
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return started;
    })()`),
  );
  const ready = await page.waitForFunction(`performance.getEntriesByName(${JSON.stringify(READY)}).map((entry) => entry.startTime).find((time) => time > ${started})`, undefined, { timeout: 60_000 });
  return Number(await ready.jsonValue()) - started;
}

export async function dashboardBench(browser: Browser): Promise<{ dashboardRenderMs: number; dashboardFilterMs: number }> {
  const server = await seededServer();
  // The page scripts below are strings (see browser.ts); the server's CSP would refuse them as eval.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  try {
    const [name, value] = server.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.origin }]);
    const page = await context.newPage();
    const url = `${server.origin}/dashboard.html?view=cohort`;
    await renderTime(page, url); // warm the server's and the browser's caches
    const renders: number[] = [];
    for (let run = 0; run < RUNS; run++) renders.push(await renderTime(page, url));
    const filters: number[] = [];
    // Each run a cohort not chosen before (option 0 is "all cohorts"), so no answer comes from the page's cache.
    for (let run = 0; run < RUNS; run++) filters.push(await filterTime(page, run + 1));
    process.stderr.write(`dashboard: render ${renders.map((time) => round(time)).join(', ')} ms; filter ${filters.map((time) => round(time)).join(', ')} ms\n`);
    return { dashboardRenderMs: round(median(renders)), dashboardFilterMs: round(median(filters)) };
  } finally {
    await context.close();
    await server.close();
  }
}
