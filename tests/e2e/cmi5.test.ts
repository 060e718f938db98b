import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeText } from '../../client/lms/cmi5Notice.ts';
import { scoreChoices, WEAK_BELOW } from '../../src/index.ts';
import { expectCmi5Session, verbsOf } from './cmi5Expect.ts';
import { startCmi5Lms, type Cmi5Launch, type Cmi5Lms } from './cmi5Lms.ts';
import { SCREENSHOTS } from './game.ts';
import { axeViolations, launchChromium, watchForErrors } from './harness.ts';
import { plannedPlays } from './plans.ts';
import { playChoices, shownReplies } from './scormLms.ts';

/** An untimed scenario whose mixed plan has a weak decision: some answers are marked unsuccessful. */
const found = plannedPlays('mixed').find(({ scenario, choices }) => {
  const scored = scoreChoices(scenario, choices);
  return !scenario.timer && choices.length >= 4 && scored.ok && scored.report.decisions.some((review) => review.quality < WEAK_BELOW);
});
if (!found) throw new Error('no untimed mixed plan with a weak decision');
const play = found;
const { scenario, choices } = play;
const PASS = 60;
const WAIT_MS = 15_000;

let browser: Browser;
let lms: Cmi5Lms;
beforeAll(async () => {
  [browser, lms] = await Promise.all([launchChromium(), startCmi5Lms({ scenarios: [scenario.id], pass: PASS, language: play.lang })]);
});
afterAll(async () => {
  await browser?.close();
  await lms?.close();
});

/**
 * A page with error watching: a console error fails the test, except, where a test says so, the
 * browser's own line for a response it was told to expect (the LMS answering 503 while "down").
 */
async function withPage(run: (page: Page) => Promise<void>, expectedErrors?: RegExp): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  try {
    await run(page);
    expect(errors.filter((error) => !expectedErrors?.test(error)), 'console or page errors').toEqual([]);
  } finally {
    await context.close();
  }
}

/** The statements of a registration once terminated is among them, within WAIT_MS. */
async function finishedSession(launch: Cmi5Launch): Promise<Record<string, unknown>[]> {
  await expect.poll(async () => verbsOf(await lms.statements(launch.registration)).at(-1), { timeout: WAIT_MS }).toBe('terminated');
  return lms.statements(launch.registration);
}


const expectedOf = (launch: Cmi5Launch) => ({ registration: launch.registration, activityId: launch.activityId, account: launch.account, contextTemplate: launch.contextTemplate, scenario, choices });

it('the course structure launches every AU at its own scenario with the pass mark', () => {
  expect(lms.courseStructure).toContain(`masteryScore="${PASS / 100}"`);
  expect(lms.courseStructure).toContain(`scenario=${scenario.id}&amp;lang=${play.lang}&amp;pass=${PASS}`);
});

describe('a cmi5 launch against the local LRS', () => {
  it('fetches the token once, plays a full attempt and stores initialized, every decision, completed, passed or failed and terminated, then returns to the course', async () => {
    await withPage(async (page) => {
      const launch = await lms.launch({ scenarioId: scenario.id });
      await page.goto(launch.url);
      await playChoices(page.mainFrame(), choices, 0, 'mouse');
      const statements = await finishedSession(launch);
      expectCmi5Session(statements, { ...expectedOf(launch), mastery: PASS / 100 });
      expect(verbsOf(statements).at(-2)).toBe(play.expected.overall >= PASS ? 'passed' : 'failed');
      expect(launch.fetches()).toBe(1);

      const notice = page.getByTestId('cmi5-notice');
      await expect.poll(() => notice.getAttribute('data-notice'), { timeout: WAIT_MS }).toBe('recorded');
      await page.screenshot({ path: join(SCREENSHOTS, 'cmi5-end.png') });
      // Keyboard only: the way back is a button the trainee can reach and press.
      await page.getByTestId('cmi5-return').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${lms.url}/return`, { timeout: WAIT_MS });
    });
  });

  it("holds the trainee to the LMS's own mastery score, over the package's", async () => {
    await withPage(async (page) => {
      // Above what the plan scores: the same play fails here.
      const mastery = Math.min(1, (play.expected.overall + 1) / 100);
      const launch = await lms.launch({ scenarioId: scenario.id, masteryScore: mastery });
      await page.goto(launch.url);
      await playChoices(page.mainFrame(), choices, 0, 'keyboard');
      const statements = await finishedSession(launch);
      expectCmi5Session(statements, { ...expectedOf(launch), mastery });
      expect(verbsOf(statements).at(-2)).toBe('failed');
    });
  });

  it('a launch link opened again plays on and says nothing is recorded; the LMS got the token request once more and no statement', async () => {
    await withPage(async (page) => {
      const launch = await lms.launch({ scenarioId: scenario.id, launchMode: 'Normal' });
      await page.goto(launch.url);
      await shownReplies(page.mainFrame());
      // The first page's session has begun in the LRS before it is left (a busy machine may still be sending it).
      await expect.poll(async () => verbsOf(await lms.statements(launch.registration)), { timeout: WAIT_MS }).toEqual(['initialized']);
      await page.reload();
      await expect.poll(() => page.getByTestId('cmi5-notice').getAttribute('data-notice'), { timeout: WAIT_MS }).toBe('fetchUsed');
      expect(await page.getByTestId('cmi5-notice').textContent()).toBe(noticeText(play.lang, 'fetchUsed'));
      await playChoices(page.mainFrame(), choices.slice(0, 2), 0, 'mouse');
      expect(launch.fetches()).toBe(2);
      // The first page's session: initialized, then terminated when it was left; nothing from the second.
      await expect.poll(async () => verbsOf(await lms.statements(launch.registration)), { timeout: WAIT_MS }).toEqual(['initialized', 'terminated']);
      await page.screenshot({ path: join(SCREENSHOTS, 'cmi5-fetch-used.png') });
    });
  });

  it('in Review mode the game plays and only initialized and terminated are stored', async () => {
    await withPage(async (page) => {
      const launch = await lms.launch({ scenarioId: scenario.id, launchMode: 'Review' });
      await page.goto(launch.url);
      await playChoices(page.mainFrame(), choices, 0, 'mouse');
      expect(verbsOf(await finishedSession(launch))).toEqual(['initialized', 'terminated']);
      await expect.poll(() => page.getByTestId('cmi5-notice').getAttribute('data-notice'), { timeout: WAIT_MS }).toBe('notJudged');
    });
  });

  it('with the LMS down mid-conversation play goes on, the trainee is told, and everything arrives once when it is back', async () => {
    await withPage(
      async (page) => {
        const launch = await lms.launch({ scenarioId: scenario.id });
        await page.goto(launch.url);
        await playChoices(page.mainFrame(), choices.slice(0, 2), 0, 'mouse');
        await expect.poll(async () => verbsOf(await lms.statements(launch.registration)).length, { timeout: WAIT_MS }).toBe(3);
        lms.statementsDown = true;
        try {
          await playChoices(page.mainFrame(), choices, 2, 'mouse');
          await expect.poll(() => page.getByTestId('cmi5-notice').getAttribute('data-notice'), { timeout: WAIT_MS }).toBe('retrying');
          await page.screenshot({ path: join(SCREENSHOTS, 'cmi5-lms-down.png') });
        } finally {
          lms.statementsDown = false;
        }
        expectCmi5Session(await finishedSession(launch), { ...expectedOf(launch), mastery: PASS / 100 });
        await expect.poll(() => page.getByTestId('cmi5-notice').getAttribute('data-notice'), { timeout: WAIT_MS }).toBe('recorded');
      },
      /status of 503/,
    );
  });

  it('plays in Russian on a 360-px phone, sends Russian statements, and shows the end notice in Russian with axe clean', async () => {
    await withPage(async (page) => {
      await page.setViewportSize({ width: 360, height: 640 });
      const launch = await lms.launch({ scenarioId: scenario.id });
      await page.goto(launch.url.replace(`lang=${play.lang}`, 'lang=ru'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
      await playChoices(page.mainFrame(), choices, 0, 'keyboard');
      const statements = await finishedSession(launch);
      expectCmi5Session(statements, { ...expectedOf(launch), mastery: PASS / 100 });
      expect(new Set(statements.map((statement) => (statement.context as { language?: string }).language))).toEqual(new Set(['ru']));
      const notice = page.getByTestId('cmi5-notice');
      await expect.poll(() => notice.getAttribute('data-notice'), { timeout: WAIT_MS }).toBe('recorded');
      expect(await notice.textContent()).toBe(`${noticeText('ru', 'recorded')}${noticeText('ru', 'returnToCourse')}`);
      // The debrief's way on stays above the notice, reachable.
      const next = await page.locator('[data-testid="continue"]').boundingBox();
      const strip = await notice.boundingBox();
      expect(next && strip && next.y + next.height <= strip.y).toBe(true);
      expect(await axeViolations(page, { include: [['#ui'], ['[data-testid="cmi5-notice"]']] })).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, 'cmi5-phone-ru.png') });
    });
  });
});
