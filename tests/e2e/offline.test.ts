import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { replyButtons, waitForReplies } from './game.ts';
import { launchChromium, watchForErrors } from './harness.ts';

/**
 * Offline play on the production build: after one visit the service worker holds the game and the
 * results page, so with the network gone the game reloads, starts a scenario, takes a reply and
 * records it, and the results page shows it. /api/* is never answered from the worker.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const url = () => inject('baseUrl');

it('after the first visit the game and the results page work offline, and /api/* is never served from the cache', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await page.goto(url());
    await page.click('.card[data-scenario="personal-insult"]');
    await waitForReplies(page);
    // The worker registers once the first reply is on screen, precaches everything, then takes control of this page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    const apiOnline = await page.evaluate(() => fetch('./api/health').then((response) => response.status));

    await context.setOffline(true);
    await page.goto(url());
    await page.click('.card[data-scenario="long-wait"]');
    await waitForReplies(page);
    const first = (await replyButtons(page).first().getAttribute('data-reply')) ?? '';
    await page.click(`[data-testid="replies"] button[data-reply="${first}"]`);
    await page.waitForSelector('.conversation[data-decisions="1"][data-saved="1"]');

    // The only failure offline is the one this test asks for: the API is the network's, never the cache's.
    const apiOffline = await page.evaluate(() => fetch('./api/health').then((response) => `status ${response.status}`, (error: Error) => error.name));
    expect(apiOffline, `online it answered ${apiOnline}`).toBe('TypeError');
    expect(errors).toEqual(['console.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED']);
    errors.length = 0;

    await page.goto(`${url()}dashboard.html`);
    await page.waitForSelector('[data-testid="attempt-table"] tbody tr[data-scenario="long-wait"]');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

it('the build\'s worker precaches every page, takes over at once, and answers nothing it did not precache', () => {
  const worker = readFileSync(join(PROJECT_ROOT, 'dist', 'sw.js'), 'utf8');
  const pages = [...worker.matchAll(/url:\s*"([^"]+\.html)"/g)].map((match) => match[1]).sort();
  // The live page too: a room without a server (two windows of the trainer's laptop) works offline.
  expect(pages).toEqual(['dashboard.html', 'index.html', 'live.html', ...(pages.includes('staff.html') ? ['staff.html'] : [])].sort());
  expect(worker).toContain('skipWaiting()');
  expect(worker).toContain('clientsClaim()');
  expect(worker).not.toMatch(/registerRoute|NavigationRoute|api\//);
});
