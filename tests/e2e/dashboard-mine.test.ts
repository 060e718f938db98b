import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { availableOptions, replayChoices, scoreChoices, SKILLS, type Choice } from '../../src/index.ts';
import { openGame, SCREENSHOTS, waitForReplies, withGame, type GamePage } from './game.ts';
import { axeViolations, launchChromium } from './harness.ts';
import { plannedPlays } from './plans.ts';

/**
 * The results page in its trainee mode (no team server) on the production build, over records the game wrote in real
 * IndexedDB: scores equal to the debrief's, the chart's table, the weak moments and their
 * "practise from here" links into the game, a damaged record, axe in both languages, a phone.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const url = () => inject('baseUrl');

const poor = plannedPlays('worst').find((play) => play.scenario.id === 'personal-insult');
if (!poor) throw new Error('no worst plan for personal-insult');
const { scenario, choices } = poor;

async function decide(page: Page, choice: Choice, count: number): Promise<void> {
  await waitForReplies(page);
  if (choice.kind === 'breath') await page.click('[data-testid="breath"]');
  else if (choice.kind === 'reply') await page.click(`[data-testid="replies"] button[data-reply="${choice.reply}"]`);
  await page.waitForSelector(`.conversation[data-decisions="${count}"][data-saved="${count}"]`);
}

/** Plays the poor plan to its end and returns the debrief's numbers. */
async function playPoorly(page: Page): Promise<{ overall: string; skills: string[] }> {
  await page.click(`.card[data-scenario="${scenario.id}"]`);
  for (const [index, choice] of choices.entries()) await decide(page, choice, index + 1);
  await page.click('[data-testid="continue"]');
  await page.waitForSelector('[data-testid="debrief"]');
  const skills = await Promise.all(SKILLS.map((skill) => page.textContent(`[data-testid="skill-score-${skill}"]`)));
  return { overall: (await page.textContent('[data-testid="overall"]')) ?? '', skills: skills.map((text) => text ?? '') };
}

async function openDashboard(page: Page): Promise<void> {
  await page.goto(`${url()}dashboard.html`);
  // Until the records are read the page says so and is busy; every check is about what it shows after.
  await page.waitForSelector('[data-testid="notices"][aria-busy="false"]', { state: 'attached' });
}


const overflowing = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('#dashboard *')].filter((node) => node.getBoundingClientRect().right > window.innerWidth + 1).map((node) => `${node.tagName}.${node.className}`));

/** Every decision of the plan the debrief calls weak, by index. */
function weakIndexes(): number[] {
  const scored = scoreChoices(scenario, choices);
  if (!scored.ok) throw new Error(scored.error);
  return scored.report.decisions.filter((review) => review.better !== null).map((review) => review.index);
}

const withGameAt = (play: (game: GamePage) => Promise<void>, options: Parameters<typeof openGame>[2] = {}) => withGame(browser, url(), options, play);

describe('the results page on its own, as the trainee\'s progress page', () => {
  it('shows a poor attempt with the debrief\'s scores, the chart\'s table and the weak moments, passes axe in English and Russian, and fits a phone', async () => {
    await withGameAt(async ({ page }) => {
      const debrief = await playPoorly(page);
      await openDashboard(page);
      const row = page.locator('[data-testid="attempt-table"] tbody tr');
      expect(await row.count()).toBe(1);
      expect(await row.locator('[data-testid="attempt-overall"]').textContent()).toBe(debrief.overall);
      expect(await row.locator('td[data-skill]').allTextContents()).toEqual(debrief.skills);
      expect(await row.getAttribute('data-scenario')).toBe(scenario.id);
      const chartRow = page.locator('[data-testid="skill-table"] tbody tr');
      expect(await chartRow.locator('[data-testid="chart-overall"]').textContent()).toBe(debrief.overall);
      expect(await chartRow.locator('td[data-skill]').allTextContents()).toEqual(debrief.skills);
      expect(await page.locator('.skill-plot canvas').count()).toBeGreaterThan(0);

      const weak = weakIndexes();
      expect(weak.length).toBeGreaterThan(0);
      const moments = page.locator('[data-testid="weak-moments"] > li');
      expect((await moments.evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.index)))).sort()).toEqual(weak);
      expect(await moments.first().textContent()).toContain('Better:');

      expect(await axeViolations(page, 'body')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-mine-en-desktop.png'), fullPage: true });
      await page.click('[data-language="ru"]');
      await page.waitForFunction(() => document.documentElement.lang === 'ru');
      expect(await page.textContent('h1')).toBe('Мои результаты');
      expect(await moments.first().textContent()).toContain('Лучше');
      expect(await axeViolations(page, 'body')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-mine-ru-desktop.png'), fullPage: true });

      await page.setViewportSize({ width: 360, height: 740 });
      await page.waitForTimeout(100); // the chart follows its box's new width
      expect(await overflowing(page)).toEqual([]);
      expect(await axeViolations(page, 'body')).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-mine-ru-360.png'), fullPage: true });
      // The language is the game's preference: chosen here, it is there on the next visit.
      await page.click('[data-language="en"]');
      await page.reload();
      await page.waitForSelector('[data-testid="attempt-table"]');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await overflowing(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-mine-en-360.png'), fullPage: true });

      // Printed: no controls, every section and table whole on the page's width.
      await page.setViewportSize({ width: 800, height: 1100 });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.page-actions').isVisible()).toBe(false);
      expect(await overflowing(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-mine-en-print.png'), fullPage: true });
    });
  });

  it('opens the game at a weak moment from "Practise from here", reached by keyboard, as a new attempt with the decisions before it replayed', async () => {
    await withGameAt(async ({ page }) => {
      await playPoorly(page);
      await openDashboard(page);
      const link = page.locator('[data-testid="practise"]').first();
      const href = new URL((await link.getAttribute('href')) ?? '', `${url()}dashboard.html`);
      const at = Number(href.searchParams.get('at'));
      expect(href.searchParams.get('scenario')).toBe(scenario.id);
      // Keyboard only: Tab until the link has focus, then Enter.
      for (let presses = 0; presses < 10 && !(await link.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
      expect(await link.evaluate((element) => element === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');

      await waitForReplies(page);
      await page.waitForSelector(`.conversation[data-decisions="${at}"][data-saved="${at}"]`);
      const replayed = replayChoices(scenario, choices.slice(0, at), 0);
      if (!replayed.ok) throw new Error(replayed.error);
      const offered = await page.locator('[data-testid="replies"] button').evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.reply).sort());
      expect(offered).toEqual(availableOptions(scenario, replayed.state).map(({ reply }) => reply.id).sort());
      const attempts = await page.evaluate(
        () =>
          new Promise<{ replayedPrefix: number }[]>((resolve) => {
            const request = indexedDB.open('hold-the-line');
            request.onsuccess = () => {
              const rows = request.result.transaction('attempts').objectStore('attempts').getAll();
              rows.onsuccess = () => resolve(rows.result);
            };
          }),
      );
      expect(attempts.map((attempt) => attempt.replayedPrefix).sort()).toEqual([0, at].sort());
    });
  });

  it('says so when a record is damaged and shows the rest; says so when there is no IndexedDB', async () => {
    await withGameAt(async ({ page }) => {
      const debrief = await playPoorly(page);
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const request = indexedDB.open('hold-the-line');
            request.onsuccess = () => {
              const transaction = request.result.transaction('attempts', 'readwrite');
              transaction.objectStore('attempts').put({ schemaVersion: 1, id: 'damaged', profileId: 'p', scenario: 'personal-insult', seed: 'not a number' });
              transaction.oncomplete = () => resolve();
            };
          }),
      );
      await openDashboard(page);
      expect(await page.textContent('[data-testid="notices"]')).toContain('1 saved record could not be read');
      expect(await page.locator('[data-testid="attempt-overall"]').allTextContents()).toEqual([debrief.overall]);
      expect(await axeViolations(page, 'body')).toEqual([]);
    });
    await withGameAt(async ({ page }) => {
      await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
      await openDashboard(page);
      expect(await page.textContent('[data-testid="notices"]')).toContain('does not let the page read saved records');
    });
  });

  it('offers a choice of trainee when several played on this device, starting with the menu\'s, and shows names as text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    await withGameAt(async ({ page }) => {
      await page.fill('#trainee-name', 'Анна');
      await page.press('#trainee-name', 'Tab');
      const anna = await playPoorly(page);
      await page.click('[data-testid="menu"]');
      await page.waitForSelector('.card');
      await page.fill('#trainee-name', hostile);
      await page.press('#trainee-name', 'Tab');
      await page.click(`.card[data-scenario="${scenario.id}"]`);
      await decide(page, choices[0] as Choice, 1);

      await openDashboard(page);
      const options = page.locator('#trainee option');
      expect(await options.allTextContents()).toEqual(['Анна', hostile]);
      expect(await page.locator('#trainee option:checked').textContent()).toBe(hostile);
      expect(await page.locator('[data-testid="attempt-table"] tbody tr td[data-outcome]').allTextContents()).toEqual(['Not finished']);
      expect(await page.locator('img').count()).toBe(0);
      await page.selectOption('#trainee', { label: 'Анна' });
      expect(await page.locator('[data-testid="attempt-overall"]').allTextContents()).toEqual([anna.overall]);
      expect(await axeViolations(page, 'body')).toEqual([]);
    });
  });

  it('refuses a practise link that does not fit this device\'s records with a message over the normal menu', async () => {
    await withGameAt(async ({ page }) => {
      await page.goto(`${url()}?scenario=${scenario.id}&practise=no-such-attempt&at=1`);
      await page.waitForSelector('.card');
      expect(await page.textContent('[data-testid="practise-notice"]')).toContain('does not match a conversation saved on this device');
      await page.click('[data-testid="practise-notice"] button');
      expect(await page.locator('[data-testid="practise-notice"]').count()).toBe(0);

      await page.goto(url());
      const { overall } = await playPoorly(page);
      expect(overall).not.toBe('');
      await openDashboard(page);
      const href = (await page.locator('[data-testid="practise"]').first().getAttribute('href')) ?? '';
      await page.goto(`${url()}${href.replace(/at=\d+/, 'at=99').replace(/^\.\//, '')}`);
      await page.waitForSelector('.card');
      expect(await page.textContent('[data-testid="practise-notice"]')).toContain('has no decision 100');
    });
  });
});

describe('moving records between devices', () => {
  it('exports the device\'s records and imports them on another device once (stable ids, no duplicates), refusing a malformed file with the reason and losing nothing', async () => {
    let exported = '';
    let debrief: { overall: string; skills: string[] } = { overall: '', skills: [] };
    await withGameAt(async ({ page }) => {
      debrief = await playPoorly(page);
      await openDashboard(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="records"]')]);
      exported = readFileSync((await download.path()) ?? '', 'utf8');
    });
    const file = (text: string) => ({ name: 'records.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const importFile = async (page: Page, text: string) => {
      await page.setInputFiles('#import-file', file(text));
      await page.click('.import-form button[type="submit"]');
    };
    await withGameAt(async ({ page }) => {
      // Another device, with a conversation of its own.
      await playPoorly(page);
      await openDashboard(page);
      expect(await page.locator('[data-testid="attempt-overall"]').count()).toBe(1);

      await importFile(page, '{"format": "hold-the-line-records", "version": 1, "profiles": [], "attempts": [{"id": "x"}], "decisions": []}');
      await page.waitForSelector('[data-testid="import-error"]:not(:empty)');
      expect(await page.textContent('[data-testid="import-error"]')).toContain('This file was not imported: a record in it is damaged (attempt 1: the attempt record has no valid schema version)');
      await importFile(page, 'not json at all');
      await page.waitForFunction(() => document.querySelector('[data-testid="import-error"]')?.textContent?.includes('it is not a JSON file'));
      expect(await page.locator('[data-testid="attempt-overall"]').count(), 'nothing lost, nothing added').toBe(1);

      await importFile(page, exported);
      await page.waitForFunction(() => document.querySelector('[data-testid="import-done"]')?.textContent?.includes('Imported 1 attempts; 0 were already here.'));
      const overalls = await page.locator('[data-testid="attempt-overall"]').allTextContents();
      expect(overalls).toEqual([debrief.overall, debrief.overall]);
      const exportedId = (JSON.parse(exported) as { attempts: { id: string }[] }).attempts[0]?.id ?? '';
      expect(await page.locator(`[data-testid="attempt-table"] tr[data-attempt="${exportedId}"]`).count()).toBe(1);

      await importFile(page, exported);
      await page.waitForFunction(() => document.querySelector('[data-testid="import-done"]')?.textContent?.includes('Imported 0 attempts; 1 were already here.'));
      expect(await page.locator('[data-testid="attempt-overall"]').count(), 'a second import adds nothing').toBe(2);
      // The device's attempts as CSV, in the manager's columns, with the scores the page shows.
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="attemptsCsv"]')]);
      const rows = readFileSync((await csv.path()) ?? '', 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(rows[0]).toBe('attemptId,traineeId,trainee,cohort,scenario,scenarioVersion,language,startedAt,outcome,overall,calm,notPersonal,empathy,concreteFix,decisions');
      expect(rows.slice(1).map((row) => row.split(',')[9])).toEqual([debrief.overall, debrief.overall]);
      expect(await axeViolations(page, 'body')).toEqual([]);
    });
  });
});
