import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOTS } from './game.ts';
import { ConsoleWatch } from './staffSupport.ts';
import { axeViolations } from './harness.ts';

/** Driving the staff page in a browser: one person per browser profile, its screens checked (axe, both languages, phone width) and their forms filled. */

/** A browser profile of its own (one person's cookies), with clipboard access for the copy buttons. */
export async function personIn(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  return context;
}

/** A page of that person at `url`, its console watched (the watch joins `watches`); any dialog a script opens fails the test. */
export async function pageAt(context: BrowserContext, url: string, watches: ConsoleWatch[]): Promise<{ page: Page; watch: ConsoleWatch }> {
  const page = await context.newPage();
  const watch = new ConsoleWatch(page);
  watches.push(watch);
  page.on('dialog', (dialog) => {
    throw new Error(`a script opened a ${dialog.type()} dialog: ${dialog.message()}`);
  });
  await page.goto(url);
  return { page, watch };
}

/** A screenshot of the staff page, kept with the test results for a person to look at. */
export const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(SCREENSHOTS, `staff-${name}.png`), fullPage });

export const text = (page: Page, selector: string) => page.locator(selector).first().innerText();
export const setLanguage = (page: Page, language: 'en' | 'ru') => page.click(`.toggle-group button[lang="${language}"]`);

/**
 * The screen as it is, in English and Russian, on a desktop and a 360-px phone: axe finds nothing
 * in either language, and a screenshot of each goes to test-results/screenshots for a person to look at.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  for (const language of ['en', 'ru'] as const) {
    await setLanguage(page, language);
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    expect(await axeViolations(page), `${name} (${language})`).toEqual([]);
    for (const [size, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 740 }]] as const) {
      await page.setViewportSize(viewport);
      await shot(page, `${name}-${language}-${size}`, true);
    }
    // Nothing may be wider than the phone: no sideways scrolling of the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} (${language}) at 360 px`).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await setLanguage(page, 'en');
}

export const messageOf = (page: Page, scope: string) => text(page, `${scope} .message.error`);

/** Submits the credentials form and waits until the page has the answer (or the network error) on screen. */
export async function submitCredentials(page: Page, fields: { username?: string; password: string; repeat?: string }): Promise<void> {
  if (fields.username !== undefined) await page.fill('#username', fields.username);
  await page.fill('#password', fields.password);
  if (fields.repeat !== undefined) await page.fill('#repeat', fields.repeat);
  const answered = Promise.race([page.waitForEvent('requestfinished', (request) => request.url().includes('/api/')), page.waitForEvent('requestfailed')]);
  await page.click('staff-credentials button[type="submit"]');
  await answered;
  await page.waitForSelector('staff-credentials button[aria-disabled="false"], staff-cohorts');
}
