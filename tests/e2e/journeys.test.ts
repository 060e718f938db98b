import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { launchChromium } from './harness.ts';
import { openGame, replyButtons, waitForReplies, withGame, type GamePage } from './game.ts';
import { plannedPlays } from './plans.ts';
import { playToDebrief } from './play.ts';
import { libraryScenarios } from '../helpers.ts';

/** An opening reply of personal-insult that makes the customer angrier without ending the call. */
function angeringOpeningReply(): string {
  const scenario = libraryScenarios().find((candidate) => candidate.id === 'personal-insult');
  const limit = scenario?.breakingPoint?.moodAtLeast ?? 101;
  const replies = scenario?.nodes[scenario.start]?.replies ?? [];
  const angering = replies.filter((reply) => reply.mood > 0 && (scenario?.mood ?? 0) + reply.mood < limit).sort((a, b) => b.mood - a.mood)[0];
  if (!angering) throw new Error('personal-insult has no opening reply that angers the customer and keeps the call going');
  return angering.id;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const withGameAt = (options: Parameters<typeof openGame>[2], play: (game: GamePage) => Promise<void>, path = '') => withGame(browser, inject('baseUrl') + path, options, play);

const activeTestId = (game: GamePage) => game.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName);

describe('a new trainee in Russian, by keyboard alone', () => {
  it('switches the menu to Russian, plays to the end, reads the debrief and replays from a weak decision', async () => {
    const play = plannedPlays('mixed').find((candidate) => candidate.scenario.id === 'personal-insult');
    if (!play) throw new Error('no mixed plan for personal-insult');
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.waitForSelector('.card');
      await game.shot('menu-en');
      // Shift+Tab back from the first card to the RU toggle and press it: the menu re-renders in Russian.
      for (let presses = 0; presses < 20 && (await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.language)) !== 'ru'; presses++) await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.documentElement.lang === 'ru');
      expect(await page.textContent('h1')).toContain('Держим удар');
      await game.shot('menu-ru');

      for (let presses = 0; presses < 40 && (await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.scenario)) !== 'personal-insult'; presses++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForReplies(page);
      expect(await page.textContent('[data-testid="customer-line"]')).toMatch(/[а-яё]/i);
      await game.shot('conversation-ru');
      const scores = await playToDebrief(page, play, 'keyboard');
      expect(scores.overall).toBe(play.expected.overall);
      expect(await page.textContent('[data-testid="debrief"]')).toContain('Почему');
      await game.shot('debrief-ru');

      // Every skill's score is there as text, and the weak decision names a better reply.
      for (const skill of ['calm', 'notPersonal', 'empathy', 'concreteFix']) expect(await page.textContent(`[data-testid="skill-score-${skill}"]`)).toMatch(/^\d+$/);
      const weak = play.expected.decisions.find((decision) => decision.better !== null && decision.choice.kind === 'reply');
      if (!weak) throw new Error('the mixed plan has no weak reply');
      const retry = page.locator(`[data-try-from="${weak.index}"]`);
      await retry.focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector(`.conversation[data-decisions="${weak.index}"]`);
      await waitForReplies(page);
      const offered = await replyButtons(page).evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.reply));
      expect(offered).toContain(weak.better?.reply);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    });
  });

  it('remembers the language on the next visit', async () => {
    await withGameAt({}, async (game) => {
      await game.page.waitForSelector('.card');
      await game.page.click('[data-language="ru"]');
      await game.page.reload();
      await game.page.waitForSelector('.card');
      expect(await game.page.evaluate(() => document.documentElement.lang)).toBe('ru');
      expect(await game.page.getAttribute('[data-language="ru"]', 'aria-pressed')).toBe('true');
    });
  });
});

describe('screens and links', () => {
  it('fits a 390-px phone in portrait without sideways overflow', async () => {
    await withGameAt({ width: 390, height: 844 }, async (game) => {
      const { page } = game;
      await page.waitForSelector('.card');
      const overflow = () => page.evaluate(() => [...document.querySelectorAll('#ui *')].filter((node) => node.getBoundingClientRect().right > window.innerWidth + 1).map((node) => node.className || node.tagName));
      expect(await overflow()).toEqual([]);
      await game.shot('phone-menu');
      await page.click('.card[data-scenario="personal-insult"]');
      await waitForReplies(page);
      expect(await overflow()).toEqual([]);
      // The replies sit in a dock at the bottom, within thumb reach; the last one scrolls into view on focus.
      const dock = await page.locator('.dock').boundingBox();
      expect(dock && dock.y + dock.height).toBeLessThanOrEqual(844);
      await replyButtons(page).last().focus();
      const lastReply = await replyButtons(page).last().boundingBox();
      expect(lastReply && lastReply.y + lastReply.height).toBeLessThanOrEqual(844 + 1); // sub-pixel layout
      await game.shot('phone-conversation');
    });
  });

  it('re-lays out a running conversation when the window shrinks to a phone', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await waitForReplies(page);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => [...document.querySelectorAll('#ui *')].filter((node) => node.getBoundingClientRect().right > window.innerWidth + 1).length);
      expect(overflow).toBe(0);
      const canvas = await page.locator('#game canvas').boundingBox();
      expect(canvas?.width).toBe(390);
      await game.shot('resized-to-phone');
    }, '?scenario=hotel-checkin');
  });

  it('shows a countdown in a timed scenario', async () => {
    await withGameAt({}, async (game) => {
      await waitForReplies(game.page);
      const first = Number((await game.page.textContent('[data-testid="timer"]'))?.trim());
      expect(first).toBeGreaterThan(0);
      await game.page.waitForFunction((start) => Number(document.querySelector('[data-testid="timer"]')?.textContent?.trim()) < start, first, { timeout: 5000 });
      expect(await game.page.getAttribute('[data-testid="timer"]', 'aria-label')).toMatch(/seconds? left/);
    }, '?scenario=long-wait');
  });

  it('starts a scenario straight from a deep link, in the language it names', async () => {
    await withGameAt({}, async (game) => {
      await waitForReplies(game.page);
      expect(await game.page.evaluate(() => document.documentElement.lang)).toBe('ru');
      expect(await game.page.textContent('.conversation-header')).toContain('Олег');
      // The scenario's module and opening portrait were asked for up front, and fetched once.
      expect(await game.page.locator('link[rel="modulepreload"][href*="colleague-mistake-"], link[rel="preload"][as="image"]').count()).toBe(2);
      const fetched = await game.page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => /colleague-mistake-|nunito-latin-400-normal-.*woff2/.test(name)));
      expect(fetched).toHaveLength(2);
      await game.shot('deep-link');
    }, '?scenario=colleague-mistake&lang=ru');
  });

  it('shows a friendly message and the menu for an unknown scenario', async () => {
    await withGameAt({}, async (game) => {
      await game.page.waitForSelector('.card');
      expect(await game.page.textContent('.notice')).toContain('no-such-scenario');
    }, '?scenario=no-such-scenario');
  });

  it('opens and closes the pause menu with Esc, keeping focus inside it', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await waitForReplies(page);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="pause-menu"]');
      await game.shot('pause');
      for (let presses = 0; presses < 6; presses++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="pause-menu"]')))).toBe(true);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="pause-menu"]', { state: 'detached' });
      expect(await activeTestId(game)).not.toBe('BODY');
    }, '?scenario=personal-insult');
  });
});

describe('coach mode for beginners', () => {
  it('is switched on from the pause menu, remembered, and gives the reply\'s feedback right after it', async () => {
    const feedback = JSON.parse(readFileSync(join(PROJECT_ROOT, 'locales', 'en', 'personal-insult.json'), 'utf8')).nodes as Record<string, { replies: Record<string, { feedback: string }> }>;
    await withGameAt({}, async (game) => {
      const { page } = game;
      await waitForReplies(page);
      expect(await page.textContent('[data-testid="coach"]')).toBe('');
      await page.keyboard.press('Escape');
      const toggle = page.getByRole('button', { name: 'Coach mode off' });
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await page.getAttribute('[data-testid="pause-menu"] button[aria-pressed]', 'aria-pressed')).toBe('true');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid="pause-menu"]', { state: 'detached' });

      const reply = await replyButtons(page).first().getAttribute('data-reply');
      await page.keyboard.press('1');
      const expected = feedback.opening?.replies[reply ?? '']?.feedback;
      expect(expected, `feedback for opening.${reply}`).toBeTruthy();
      await page.waitForFunction((text) => document.querySelector('[data-testid="coach"]')?.textContent?.endsWith(text as string), expected);
      await game.shot('coach-mode');
      expect(await page.evaluate(() => localStorage.getItem('hold-the-line.preferences.v1'))).toContain('"coachMode":true');
    }, '?scenario=personal-insult');
  });
});

/** Counts the tones the game starts, by frequency, without changing how they sound. */
const RECORD_TONES = `
  window.tones = [];
  const Original = window.AudioContext;
  window.AudioContext = class extends Original {
    createOscillator() {
      const oscillator = super.createOscillator();
      const start = oscillator.start.bind(oscillator);
      oscillator.start = (...args) => { window.tones.push(oscillator.frequency.value); return start(...args); };
      return oscillator;
    }
  };`;

describe('sound', () => {
  it('plays a low tone when a reply angers the customer, and nothing once muted from the menu', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.addInitScript(RECORD_TONES);
      const tones = () => page.evaluate(() => (window as unknown as { tones: number[] }).tones);
      const angerTheCustomer = async () => {
        await page.click('[data-scenario="personal-insult"]');
        await waitForReplies(page);
        await page.click(`[data-reply="${angeringOpeningReply()}"]`);
        await page.waitForSelector('.conversation[data-decisions="1"]');
        await waitForReplies(page);
      };

      await page.reload();
      await page.waitForSelector('.card');
      await angerTheCustomer();
      expect(await tones()).toContain(180);

      await page.reload();
      await page.waitForSelector('.card');
      await page.click('.sound-toggle');
      expect(await page.getAttribute('.sound-toggle', 'aria-pressed')).toBe('false');
      await angerTheCustomer();
      expect(await tones()).toEqual([]);
    });
  });
});

describe('bad input loses nothing', () => {
  it('recovers from corrupt saved settings with a message', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.evaluate(() => localStorage.setItem('hold-the-line.preferences.v1', '{"language": "ru", "muted": "loud", "bestScores": 7'));
      await page.reload();
      await page.waitForSelector('.card');
      expect(await page.textContent('.notice')).toContain('could not be read');
      expect(await page.locator('.card').count()).toBeGreaterThan(1);
    });
  });

  it('keeps working, and says so, when the browser refuses to save', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.addInitScript(`Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };`);
      await page.reload();
      await page.waitForSelector('.card');
      await page.click('[data-language="ru"]');
      await page.waitForSelector('.notice');
      expect(await page.textContent('.notice')).toContain('Браузер не сохраняет настройки');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
      await page.click('[data-scenario="night-milk"]');
      await waitForReplies(page);
    });
  });

  it('keeps a hostile trainee name as plain text', async () => {
    await withGameAt({}, async (game) => {
      const { page } = game;
      await page.waitForSelector('.card');
      const hostile = '<img src=x onerror="window.pwned=1">Ann';
      await page.fill('#trainee-name', hostile);
      await page.press('#trainee-name', 'Tab');
      await page.reload();
      await page.waitForSelector('.card');
      expect(await page.inputValue('#trainee-name')).toBe(hostile);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.locator('#ui img[src="x"]').count()).toBe(0);
    });
  });
});
