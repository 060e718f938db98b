import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SCREENSHOTS } from './game.ts';
import { axeViolations } from './harness.ts';

/** Driving the results page in the browser tests: waiting for a view, its screenshots in both languages and three media, downloads. */

/** Waits until the view has its data on screen (the notices region says ready). */
export const ready = (page: Page) => page.waitForSelector('[data-testid="notices"][data-state="ready"]', { state: 'attached' });

export const setLanguage = async (page: Page, language: 'en' | 'ru') => {
  await page.click(`[data-language="${language}"]`);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
};

/** Nothing wider than the window: no sideways scrolling of the page (a wide table scrolls in its own box). */
export const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/**
 * The view as it is, in English and Russian: axe finds nothing; screenshots on a desktop, a 360-px
 * phone and printed (A4 width) go to test-results/screenshots for a person to look at.
 */
export async function checkView(page: Page, name: string): Promise<void> {
  for (const language of ['en', 'ru'] as const) {
    await setLanguage(page, language);
    expect(await axeViolations(page), `${name} (${language})`).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}-${language}-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(100); // a chart follows its box's width
    expect(await pageWidth(page), `${name} (${language}) at 360 px`).toBeLessThanOrEqual(360);
    expect(await axeViolations(page), `${name} (${language}) at 360 px`).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}-${language}-360.png`), fullPage: true });
    await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}-${language}-360-top.png`) });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await page.waitForTimeout(100);
    expect(await page.locator('.page-actions').isVisible(), 'no controls on paper').toBe(false);
    expect(await pageWidth(page), `${name} (${language}) printed: nothing wider than A4`).toBeLessThanOrEqual(794);
    await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}-${language}-print.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  await setLanguage(page, 'en');
}

/** Clicks what starts a download and returns the file's text. */
export async function downloaded(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path()) ?? '', 'utf8') };
}

/** Pages of the view printed to A4 PDF (headless Chromium's own print). */
export async function printedPages(page: Page): Promise<number> {
  // A chart redraws for paper when the print media query starts to match, at the next frame.
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
