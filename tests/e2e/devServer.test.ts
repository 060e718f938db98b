import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { contentPlugin } from '../../tools/vite-content-plugin.ts';
import { expectNoErrors, openGame, replyButtons, waitForReplies } from './game.ts';
import { launchChromium } from './harness.ts';

const BROKEN = 'night-milk';
const PLAYABLE = 'personal-insult';

// The game's dev server over a copy of the library whose Russian text for one scenario lacks a line.
const library = mkdtempSync(join(tmpdir(), 'htl-dev-'));
const russian = join(library, 'locales', 'ru', `${BROKEN}.json`);
let browser: Browser;
let server: ViteDevServer;
let url: string;

beforeAll(async () => {
  cpSync(join(PROJECT_ROOT, 'dialogues'), join(library, 'dialogues'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'locales'), join(library, 'locales'), { recursive: true });
  const text = JSON.parse(readFileSync(russian, 'utf8'));
  delete text.nodes.opening.line;
  writeFileSync(russian, JSON.stringify(text, null, 2));
  // Its own dependency cache, so it never races a developer's `npm run dev` over node_modules/.vite.
  server = await createServer({ root: PROJECT_ROOT, configFile: false, cacheDir: join(library, '.vite'), plugins: [contentPlugin(library)], server: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
  await server.listen();
  url = server.resolvedUrls?.local[0] ?? '';
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(library, { recursive: true, force: true });
});

it('lists a broken scenario\'s problems on the menu, plays the rest, and takes the fix live', async () => {
  const game = await openGame(browser, `${url}?scenario=${BROKEN}`);
  try {
    const { page } = game;
    // A deep link to the broken scenario lands on the menu, which says what is wrong with it.
    await page.waitForSelector('.card');
    expect(await page.locator('[data-testid="library-problems"] li').allTextContents()).toEqual([expect.stringMatching(/ru\/night-milk\.json:nodes\.opening\.line: missing text for this line id/)]);
    expect(await page.locator('.notice[role="status"]').count()).toBe(0);
    expect(await page.locator(`[data-scenario="${BROKEN}"]`).count()).toBe(0);
    await game.shot('dev-broken-scenario');

    await page.click(`[data-scenario="${PLAYABLE}"]`);
    await waitForReplies(page);
    await replyButtons(page).first().click();
    await page.waitForSelector('.conversation[data-decisions="1"]');

    // Fixing the file reloads the page, and the deep link now opens the scenario.
    writeFileSync(russian, readFileSync(join(PROJECT_ROOT, 'locales', 'ru', `${BROKEN}.json`)));
    await page.waitForFunction(() => document.querySelector('[data-testid="customer-line"]')?.textContent?.includes('order 40218'));
    expectNoErrors(game);
  } finally {
    await game.close();
  }
});
