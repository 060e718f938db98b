import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { watchForErrors } from './harness.ts';

export const SCREENSHOTS = join(PROJECT_ROOT, 'test-results', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export interface GamePage {
  page: Page;
  errors: string[];
  /** Saves a screenshot as a test artifact and returns its path. */
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh page (own storage) with error watching; reduced motion by default so tests do not wait on animations. */
export async function openGame(browser: Browser, url: string, options: { width?: number; height?: number; motion?: boolean } = {}): Promise<GamePage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 720 },
    reducedMotion: options.motion ? 'no-preference' : 'reduce',
    // Offline play has its own test (offline.test.ts); here the worker's download of the whole game
    // would only compete, on a loaded machine, with what these tests wait for.
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  await page.goto(url);
  return {
    page,
    errors,
    async shot(name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => context.close(),
  };
}

export const replyButtons = (page: Page) => page.locator('[data-testid="replies"] button');

/** Waits until the replies for the current customer line are ready to take a choice. */
export async function waitForReplies(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="replies"] button:not([disabled])');
}

export function expectNoErrors(game: GamePage): void {
  expect(game.errors, 'console or page errors').toEqual([]);
}

/** Opens the game, runs `play`, and fails on any console or page error it caused; the page is closed either way. */
export async function withGame(browser: Browser, url: string, options: Parameters<typeof openGame>[2], play: (game: GamePage) => Promise<void>): Promise<void> {
  const game = await openGame(browser, url, options);
  try {
    await play(game);
    expectNoErrors(game);
  } finally {
    await game.close();
  }
}

/** The rows of one store of the game's database, read with the plain IndexedDB API. */
export function readRows<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const request = indexedDB.open('hold-the-line');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const rows = db.transaction(name, 'readonly').objectStore(name).getAll();
          rows.onsuccess = () => {
            resolve(rows.result as T[]);
            db.close();
          };
          rows.onerror = () => reject(rows.error);
        };
      }),
    store,
  );
}
