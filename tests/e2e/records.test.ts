import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Choice } from '../../src/index.ts';
import { openGame, readRows, replyButtons, SCREENSHOTS, waitForReplies, withGame, type GamePage } from './game.ts';
import { axeViolations, launchChromium, watchForErrors } from './harness.ts';
import { plannedPlays } from './plans.ts';

/**
 * Trainee records in real IndexedDB, in real Chromium, against the production build: an attempt
 * survives the tab closing and resumes where it was; damaged, newer and missing storage and a full
 * disk each get their message while the game plays on, and no valid record is lost.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const url = () => inject('baseUrl');

const withGameAt = (options: Parameters<typeof openGame>[2], play: (game: GamePage) => Promise<void>) => withGame(browser, url(), options, play);

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const customerLine = (page: Page) => page.textContent('[data-testid="customer-line"]');
/** The replies on screen, once they are there (a busy machine may still be drawing the turn). */
async function offeredReplies(page: Page): Promise<(string | undefined)[]> {
  await waitForReplies(page);
  return replyButtons(page).evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.reply));
}
const activeData = (page: Page, key: string) => page.evaluate((name) => (document.activeElement as HTMLElement | null)?.dataset[name], key);

/** Makes one planned move and waits until the database holds it. */
async function decide(page: Page, choice: Choice, count: number): Promise<void> {
  await waitForReplies(page);
  if (choice.kind === 'breath') await page.click('[data-testid="breath"]');
  else if (choice.kind === 'reply') await page.click(`[data-testid="replies"] button[data-reply="${choice.reply}"]`);
  await page.waitForSelector(`.conversation[data-decisions="${count}"][data-saved="${count}"]`);
}


function putRows(page: Page, store: string, rows: unknown[]): Promise<void> {
  return page.evaluate(
    ({ name, values }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('hold-the-line');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const transaction = db.transaction(name, 'readwrite');
          for (const value of values) transaction.objectStore(name).put(value);
          transaction.oncomplete = () => {
            db.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { name: store, values: rows },
  );
}

/** Opens the game again in the same browser profile, as a trainee reopening the tab would. */
async function reopen(game: GamePage, path = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await game.page.context().newPage();
  const errors = watchForErrors(page);
  await page.goto(url() + path);
  return { page, errors };
}


const best = plannedPlays('best').find((play) => play.scenario.id === 'personal-insult');
const bestOpening = plannedPlays('best').find((play) => play.scenario.id === 'hosting-outage')?.choices[0] as Choice;
if (!best) throw new Error('no best plan for personal-insult');

describe('an attempt survives the tab closing', () => {
  it('closes mid-conversation, reopens, resumes at the same line with the same replies, and finishes with the same scores', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.click('.card[data-scenario="personal-insult"]');
      for (const [index, choice] of best.choices.slice(0, 2).entries()) await decide(page, choice, index + 1);
      await waitForReplies(page);
      const line = await customerLine(page);
      const replies = await offeredReplies(page);
      await page.close();

      const again = await reopen(game);
      await again.page.waitForSelector('.resume-card[data-resume="personal-insult"]');
      expect(await again.page.textContent('.resume-card')).toContain(line?.slice(0, 20));
      expect(await activeData(again.page, 'resume'), 'the resume card has focus').toBe('personal-insult');
      await again.page.click('.resume-card');
      await waitForReplies(again.page);
      expect(await again.page.getAttribute('.conversation', 'data-decisions')).toBe('2');
      expect(await customerLine(again.page)).toBe(line);
      expect(await offeredReplies(again.page)).toEqual(replies);

      for (const [index, choice] of best.choices.slice(2).entries()) await decide(again.page, choice, index + 3);
      await again.page.click('[data-testid="continue"]');
      await again.page.waitForSelector('[data-testid="debrief"]');
      expect(Number(await again.page.textContent('[data-testid="overall"]'))).toBe(best.expected.overall);

      const [attempt, ...others] = await readRows(again.page, 'attempts');
      expect(others).toEqual([]);
      expect(attempt).toMatchObject({ scenario: 'personal-insult', status: 'ended', outcome: best.expected.outcome, decisionCount: best.choices.length });
      const decisions = await readRows(again.page, 'decisions');
      expect(decisions.map((decision) => decision.choice)).toEqual(best.choices);
      expect(decisions.every((decision) => decision.attemptId === attempt?.id)).toBe(true);

      // Finished: nothing left to resume.
      await again.page.click('[data-testid="menu"]');
      await again.page.waitForSelector('.menu[data-records="read"]');
      expect(await again.page.locator('.resume-card').count()).toBe(0);
      expect(again.errors).toEqual([]);
    });
  });

  it('does not offer an attempt another tab is playing, and offers it as soon as that tab is closed', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.click('.card[data-scenario="personal-insult"]');
      await decide(page, best.choices[0] as Choice, 1);
      const other = await reopen(game);
      await other.page.waitForSelector('.menu[data-records="read"]');
      expect(await other.page.locator('.resume-card').count()).toBe(0);
      // Closed: the menu open in the other tab offers it by itself, no reload needed.
      await page.close();
      await other.page.waitForSelector('.resume-card[data-resume="personal-insult"]');
      expect(other.errors).toEqual([]);
    });
  });

  it('reaches Resume by keyboard alone, passes axe, and looks right in English, Russian and on a 360-px phone', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.fill('#trainee-name', 'Анна Петрова');
      await page.press('#trainee-name', 'Tab');
      await page.click('.card[data-scenario="hosting-outage"]');
      // The expert's first reply: the first one offered (the order is seeded at random) may end the conversation at once, leaving nothing to resume.
      await decide(page, bestOpening, 1);
      await page.reload();

      await page.waitForSelector('.resume-card');
      expect(await axeViolations(page, '#ui')).toEqual([]);
      await shot(page, 'records-menu-resume-en');
      // Focus starts on the card; it is in the tab order between the notices and the rest of the menu.
      expect(await activeData(page, 'resume')).toBe('hosting-outage');
      await page.keyboard.press('Shift+Tab');
      expect(await activeData(page, 'resume')).toBeUndefined();
      await page.keyboard.press('Tab');
      expect(await activeData(page, 'resume')).toBe('hosting-outage');

      await page.click('[data-language="ru"]');
      await page.waitForFunction(() => document.documentElement.lang === 'ru');
      expect(await page.textContent('.resume')).toContain('Продолжить');
      expect(await axeViolations(page, '#ui')).toEqual([]);
      await shot(page, 'records-menu-resume-ru');

      // A phone opens the same records (same browser profile) at 360 px from the start.
      const phone = await page.context().newPage();
      const phoneErrors = watchForErrors(phone);
      await phone.setViewportSize({ width: 360, height: 740 });
      await phone.goto(url());
      await phone.waitForSelector('.resume-card');
      expect(await phone.evaluate(() => document.documentElement.lang)).toBe('ru');
      const overflow = await phone.evaluate(() => [...document.querySelectorAll('#ui *')].filter((node) => node.getBoundingClientRect().right > window.innerWidth + 1).map((node) => `${node.tagName}.${node.className} ${node.textContent?.slice(0, 30)}`));
      await shot(phone, 'records-menu-resume-phone-ru');
      expect(overflow).toEqual([]);
      expect(await axeViolations(phone, '#ui')).toEqual([]);
      await phone.close();
      expect(phoneErrors).toEqual([]);

      // Another name is another trainee: their menu has nothing to resume, and coming back shows it again.
      await page.fill('#trainee-name', 'Boris');
      await page.press('#trainee-name', 'Tab');
      await page.waitForSelector('.resume-card', { state: 'detached' });
      await page.fill('#trainee-name', 'Анна Петрова');
      await page.press('#trainee-name', 'Tab');
      await page.waitForSelector('.resume-card');

      for (let presses = 0; presses < 30 && (await activeData(page, 'resume')) === undefined; presses++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.conversation[data-decisions="1"]');
      await waitForReplies(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    });
  });
});

describe('try again from here', () => {
  it('records "try again from here" as a new attempt that starts with the replayed decisions', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.click('.card[data-scenario="personal-insult"]');
      for (const [index, choice] of best.choices.entries()) await decide(page, choice, index + 1);
      await page.click('[data-testid="continue"]');
      await page.click('[data-try-from="2"]');
      await page.waitForSelector('.conversation[data-decisions="2"][data-saved="2"]');
      const attempts = await readRows(page, 'attempts');
      const retry = attempts.find((attempt) => attempt.status === 'open');
      expect(retry).toMatchObject({ replayedPrefix: 2, decisionCount: 2, outcome: null });
      // Nothing played in it yet, so nothing to resume; one decision later there is.
      await page.keyboard.press('Escape');
      await page.click('[data-testid="pause-menu"] button:has-text("menu")');
      await page.waitForSelector('.menu[data-records="read"]');
      expect(await page.locator('.resume-card').count()).toBe(0);
      await page.click('.card[data-scenario="personal-insult"]');
      await page.waitForSelector('.conversation[data-saved="0"]');
      await decide(page, best.choices[0] as Choice, 1);
      await page.reload();
      await page.waitForSelector('.resume-card');
      expect(await page.textContent('.resume-card')).toContain('Decisions so far: 1');
    });
  });
});

describe('records that cannot be used, and storage that will not keep them', () => {
  it('skips a damaged and a hand-edited record with a message, keeps them and the valid one, and plays on', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.click('.card[data-scenario="personal-insult"]');
      await decide(page, best.choices[0] as Choice, 1);
      const [valid] = await readRows(page, 'attempts');
      const [decision] = await readRows(page, 'decisions');
      const damaged = { ...valid, id: 'damaged-1', scenario: 'hotel-checkin', seed: 'banana' };
      const edited = { ...valid, id: 'edited-1', scenario: 'night-milk', startedAt: Number(valid?.startedAt) + 1 };
      await putRows(page, 'attempts', [damaged, edited]);
      await putRows(page, 'decisions', [{ ...decision, attemptId: 'edited-1' }]);

      await page.reload();
      await page.waitForSelector('.resume-card[data-resume="personal-insult"]');
      expect(await page.textContent('.menu')).toContain('2 saved conversations could not be read (they are damaged or were edited by hand)');
      await shot(page, 'records-corrupt-en');
      expect((await readRows(page, 'attempts')).map((row) => row.id).sort()).toEqual(['damaged-1', 'edited-1', valid?.id].sort());

      await page.click('.resume-card');
      await decide(page, best.choices[1] as Choice, 2);
    });
  });

  it.each([
    ['missing', 'delete window.indexedDB;'],
    ['refused', `Object.defineProperty(window, 'indexedDB', { configurable: true, get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });`],
  ])('says so when IndexedDB is %s, plays in memory, and still resumes within the tab', async (_, script) => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.addInitScript(script);
      await page.reload();
      await page.waitForSelector('.menu[data-records="read"]');
      expect(await page.textContent('.menu')).toContain('will not let the game keep records');
      await shot(page, 'records-unavailable-en');
      await page.click('.card[data-scenario="personal-insult"]');
      await waitForReplies(page);
      for (const [index, choice] of best.choices.slice(0, 2).entries()) {
        await waitForReplies(page);
        await page.click(`[data-testid="replies"] button[data-reply="${(choice as { reply: string }).reply}"]`);
        await page.waitForSelector(`.conversation[data-decisions="${index + 1}"]`);
      }
      await waitForReplies(page);
      const line = await customerLine(page);
      // Out to the menu through the pause menu: this tab still holds the attempt.
      await page.keyboard.press('Escape');
      await page.click('[data-testid="pause-menu"] button:has-text("menu")');
      await page.click('.resume-card[data-resume="personal-insult"]');
      await waitForReplies(page);
      expect(await customerLine(page)).toBe(line);
    });
  });

  it('says so in the conversation after a deep link past the menu, in Russian, and the message is dismissed by keyboard', async () => {
    await withGameAt({ width: 360, height: 740 }, async (game) => {
      const { page } = game;
      await page.addInitScript('delete window.indexedDB;');
      await page.goto(`${url()}?scenario=personal-insult&lang=ru`);
      await waitForReplies(page);
      const notice = page.locator('[data-testid="records-notice"]');
      expect(await notice.textContent()).toContain('Этот браузер не даёт игре сохранять записи');
      await shot(page, 'records-unavailable-deep-link-phone-ru');
      await notice.locator('button').focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="records-notice"]', { state: 'detached' });
      await page.keyboard.press('1');
      await page.waitForSelector('.conversation[data-decisions="1"]');
    });
  });

  it('refuses a database from a newer version with a message, changes nothing in it, and plays on', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.waitForSelector('.menu[data-records="read"]');
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            indexedDB.deleteDatabase('hold-the-line').onsuccess = () => {
              const request = indexedDB.open('hold-the-line', 990);
              request.onupgradeneeded = () => {
                request.result.createObjectStore('attempts', { keyPath: 'id' }).put({ schemaVersion: 99, id: 'from-the-future' });
                request.result.createObjectStore('trainees', { keyPath: 'id' });
              };
              request.onsuccess = () => {
                request.result.close();
                resolve();
              };
              request.onerror = () => reject(request.error);
            };
          }),
      );
      await page.reload();
      await page.waitForSelector('.menu[data-records="read"]');
      expect(await page.textContent('.menu')).toContain('saved by a newer version of the game');
      await page.click('.card[data-scenario="personal-insult"]');
      await waitForReplies(page);
      await page.keyboard.press('1');
      await page.waitForSelector('.conversation[data-decisions="1"]');
      const after = await page.evaluate(
        () =>
          new Promise<{ version: number; stores: string[] }>((resolve) => {
            const request = indexedDB.open('hold-the-line');
            request.onsuccess = () => {
              resolve({ version: request.result.version, stores: [...request.result.objectStoreNames] });
              request.result.close();
            };
          }),
      );
      expect(after).toEqual({ version: 990, stores: ['attempts', 'trainees'] });
      expect(await readRows(page, 'attempts')).toEqual([{ schemaVersion: 99, id: 'from-the-future' }]);
    });
  });

  it('says so when the disk is full, keeps playing, and saves the held decisions once there is room', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      // Chromium's DevTools quota override (Storage.overrideQuotaForOrigin) has no effect on IndexedDB in this headless
      // build, so the disk fills here: while the flag is up, a write is refused the way Chromium refuses one over quota.
      await page.addInitScript(`{
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (...args) {
          if (window.diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return put.apply(this, args);
        };
      }`);
      await page.reload();
      await page.click('.card[data-scenario="personal-insult"]');
      await decide(page, best.choices[0] as Choice, 1);
      await page.evaluate(() => ((window as unknown as { diskFull: boolean }).diskFull = true));

      await waitForReplies(page);
      await page.click(`[data-testid="replies"] button[data-reply="${(best.choices[1] as { reply: string }).reply}"]`);
      await page.waitForSelector('[data-testid="records-notice"]');
      expect(await page.textContent('[data-testid="records-notice"]')).toContain('Storage on this device is full');
      expect(await page.getAttribute('.conversation', 'data-saved')).toBe('1');
      await waitForReplies(page);
      await shot(page, 'records-full-en');

      await page.evaluate(() => ((window as unknown as { diskFull: boolean }).diskFull = false));
      await decide(page, best.choices[2] as Choice, 3);
      await page.waitForSelector('[data-testid="records-notice"]', { state: 'detached' });
      expect((await readRows(page, 'decisions')).map((decision) => decision.index)).toEqual([0, 1, 2]);
    });
  });
});
