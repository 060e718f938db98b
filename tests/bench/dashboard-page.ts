import type { Browser, Page } from 'playwright-core';
import { seededTeamServer } from '../e2e/dashboardSeeded.ts';
import { median, round } from './stats.ts';

/**
 * The results page at a department's size: a team server on PGlite seeded with 500 trainees and
 * 20,000 attempts (tools/dashboardSeed.ts), an admin (who sees every cohort) in headless Chromium.
 * `dashboardRenderMs`: from navigation until the cohort grid is on screen; `dashboardFilterMs`: from
 * a cohort filter change until the grid shows that cohort (a round trip to the server's SQL).
 */
const READY = 'htl:dashboard-ready';
const RUNS = 5;

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
  const seeding = performance.now();
  const server = await seededTeamServer({ trainees: 500, attempts: 20_000, seed: 12 });
  process.stderr.write(`dashboard: a team server with 500 trainees and 20,000 attempts seeded in ${round((performance.now() - seeding) / 1000)} s\n`);
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
