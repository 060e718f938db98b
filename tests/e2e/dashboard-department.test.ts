import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CohortResponse } from '../../src/index.ts';
import { checkView, printedPages, ready } from './dashboardSupport.ts';
import { seededTeamServer, type SeededServer } from './dashboardSeeded.ts';
import { launchChromium } from './harness.ts';
import { ConsoleWatch } from './staffSupport.ts';

/**
 * The results page over a department's worth of seeded play (tools/dashboardSeed.ts) on the real
 * team server: the grid pages through every trainee and sorts them as their numbers say, and the
 * views with real data pass axe in both languages, on a phone and in print (screenshots kept).
 */
let browser: Browser;
let server: SeededServer;
let context: BrowserContext;
let page: Page;
let watch: ConsoleWatch;
let grid: CohortResponse['trainees'] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), seededTeamServer({ trainees: 130, attempts: 1500, seed: 5 })]);
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const [name, value] = server.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.origin }]);
  page = await context.newPage();
  watch = new ConsoleWatch(page);
  page.on('dialog', (dialog) => {
    throw new Error(`a script opened a ${dialog.type()} dialog: ${dialog.message()}`);
  });
  await page.goto(`${server.origin}/dashboard.html`);
  await ready(page);
  grid = await page.evaluate(() => fetch('/api/dashboard/cohort').then((response) => response.json() as Promise<CohortResponse>)).then((body) => body.trainees);
});

afterAll(async () => {
  watch?.check();
  await browser?.close();
  await server?.close();
});

const rows = () => page.locator('[data-testid="cohort-grid"] tbody tr');

describe('the results page at a department\'s size', () => {
  it('pages through every trainee a hundred at a time, with the page in the address', async () => {
    expect(grid.length).toBe(130);
    expect(await page.textContent('[data-testid="cohort-grid"] caption')).toContain('130 trainees match.');
    expect(await rows().count()).toBe(100);
    await page.click('.pager button[data-page="next"]');
    await page.waitForURL(/page=2/);
    expect(await rows().count()).toBe(30);
    expect(await page.textContent('.pager [aria-current="page"]')).toBe('Page 2 of 2');
    const seen = new Set(await rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.trainee)));
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('page=2'));
    for (const id of await rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.trainee))) seen.add(id);
    expect(seen).toEqual(new Set(grid.map((row) => row.traineeId)));
  });

  it('sorts by a skill as the numbers say, trainees with nothing finished last', async () => {
    await page.click('button[data-sort="calm"]');
    await page.click('button[data-sort="calm"]');
    await page.waitForURL(/sort=calm&dir=desc/);
    const calm = (await rows().locator('td[data-skill="calm"]').allTextContents()).map((text) => (text === '—' ? null : Number(text)));
    const expected = grid.map((row) => row.skills?.calm ?? null).sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a)).slice(0, 100);
    expect(calm).toEqual(expected);
  });

  it('shows the grid, the busiest trainee and the most played scenario with real data: axe-clean in both languages, on a phone and in print, the trainee report on one page', async () => {
    await checkView(page, 'department-cohort');
    const busiest = [...grid].sort((a, b) => attemptsOf(b) - attemptsOf(a))[0];
    if (!busiest) throw new Error('no trainee');
    await page.goto(`${server.origin}/dashboard.html?view=trainee&id=${busiest.traineeId}`);
    await ready(page);
    expect(await page.textContent('h1')).toBe(busiest.name);
    expect(await page.locator('.skill-plot canvas').count()).toBeGreaterThan(0);
    await checkView(page, 'department-trainee');
    await page.emulateMedia({ media: 'print' });
    expect(await printedPages(page), 'the trainee report is one A4 page').toBe(1);
    await page.emulateMedia({ media: 'screen' });

    const plays = new Map<string, number>();
    for (const row of grid) for (const [scenario, cell] of Object.entries(row.cells)) plays.set(scenario, (plays.get(scenario) ?? 0) + cell.attempts);
    const [scenario] = [...plays].sort((a, b) => b[1] - a[1])[0] ?? [];
    await page.goto(`${server.origin}/dashboard.html?view=scenario&id=${scenario}`);
    await ready(page);
    expect(await page.locator('g.edge[data-heat="3"], g.edge[data-heat="2"]').count(), 'a well-trodden path').toBeGreaterThan(0);
    await checkView(page, 'department-scenario');
  });
});

const attemptsOf = (row: CohortResponse['trainees'][number]) => Object.values(row.cells).reduce((sum, cell) => sum + cell.attempts, 0);
