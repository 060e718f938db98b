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
