import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoErrors, openGame, waitForReplies } from './game.ts';
import { launchChromium } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser.close());

const secondsLeft = (text: string | null) => Number(text?.trim());

describe('a timed scenario', () => {
  it('starts the countdown only once the customer has finished speaking', async () => {
    // With motion on, the opening line types out over several seconds.
    const game = await openGame(browser, `${inject('baseUrl')}?scenario=long-wait&lang=ru`, { motion: true });
    const { page } = game;
    await waitForReplies(page);
    const full = secondsLeft(await page.textContent('[data-testid="timer"]'));
    await page.waitForTimeout(2000);
    expect(secondsLeft(await page.textContent('[data-testid="timer"]'))).toBe(full);
    // A click on the stage shows the whole line at once; from then on the clock runs.
    await page.locator('#game canvas').click();
    await page.waitForFunction((start) => Number(document.querySelector('[data-testid="timer"]')?.textContent?.trim()) < start, full, { timeout: 5000 });
    expectNoErrors(game);
    await game.close();
  });
});
