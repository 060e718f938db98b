import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watchForErrors } from './harness.ts';
import { expectCleanScreen, waitForPhase } from './liveScreens.ts';

/**
 * A live session with no server: the trainer's controller window runs the room and the projector
 * window of the same browser follows it over a BroadcastChannel; no phones, the trainer types the
 * names and the room's show of hands. A reload resumes the room from localStorage, a projector
 * reopened asks for the current moment.
 */

let browser: Browser;
let context: BrowserContext;
let controller: Page;
let projector: Page;
const errors: string[] = [];
/** A name a spreadsheet would run as a formula: the CSV must defuse it. */
const FORMULA_NAME = '=2+3';

const base = () => `${inject('baseUrl')}live.html`;

async function open(query: string): Promise<Page> {
  const page = await context.newPage();
  errors.push(...watchForErrors(page));
  await page.goto(`${base()}?${query}`);
  return page;
}

const seqOf = async (page: Page) => Number(await page.locator('#live').getAttribute('data-seq'));
const button = (event: string) => controller.locator(`live-controller button[data-event="${event}"]`);

/** Clicks an action and waits until the room has taken it (one more event in its log). */
async function act(event: string, phase: string): Promise<number> {
  const seq = await seqOf(controller);
  await button(event).click();
  await waitForPhase(controller, phase, seq + 1);
  return seq + 1;
}

async function countHands(counts: number[]): Promise<void> {
  for (const [index, count] of counts.entries()) await controller.fill(`#hands-${index}`, String(count));
  const seq = await seqOf(controller);
  await controller.getByRole('button', { name: 'Count the hands' }).click();
  await waitForPhase(controller, 'presenting', seq + 1);
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
});

describe('a live session without a server', () => {
  it('prepares the room from typed names, and starts it on two scenarios', async () => {
    controller = await open('local=1&view=controller');
    await waitForPhase(controller, 'lobby');
    expect(await button('started').isDisabled(), 'no scenario picked yet').toBe(true);
    for (const name of ['Anna', 'Boris', FORMULA_NAME]) {
      await controller.getByLabel('Name', { exact: true }).fill(name);
      await controller.getByRole('button', { name: 'Add', exact: true }).click();
    }
    await waitForPhase(controller, 'lobby', 3);
    // Everyone typed takes the hot seat in turn; Boris is moved to the front.
    await controller.getByRole('button', { name: 'Move Boris earlier' }).click();
    const picks = controller.locator('.scenario-pick input[type="checkbox"]');
    await picks.nth(0).check();
    await picks.nth(1).check();
    await controller.waitForSelector('button[data-event="started"]:not([disabled])');
    await expectCleanScreen(controller, 'local lobby');
    await act('started', 'presenting');
    expect(await controller.getByTestId('hot-seat').innerText()).toBe('Hot seat: Boris');
    expect(await controller.locator('.round-head h2').innerText()).toMatch(/^Scenario 1 of 2: /);
  });

  it('shows the room on the projector window, which follows every event', async () => {
    projector = await open('local=1&view=projector');
    await waitForPhase(projector, 'presenting', await seqOf(controller));
    expect(await projector.locator('.projector-hot-seat').innerText()).toContain('Boris');
  });

  it('takes the show of hands, decides by majority, reveals, and the projector follows', async () => {
    expect(await button('majority').isDisabled(), 'no hands counted yet').toBe(true);
    expect(await button('revealed').isDisabled(), 'nothing decided yet').toBe(true);
    expect(await button('undone').isDisabled(), 'no decision to undo').toBe(true);
    const second = await controller.locator('.choice .said').nth(1).innerText();
    await countHands([1, 3]);
    expect(await controller.locator('.choice .votes').nth(1).innerText()).toBe('3 votes');
    await expectCleanScreen(controller, 'local round');
    const decided = await act('majority', 'revealed');
    expect(await controller.locator('.decided h3').innerText()).toBe("The room's majority");
    // The reply the room chose (its number dropped) is the one with most hands.
    expect(second).toContain(await controller.locator('.decided .said').innerText());
    await waitForPhase(projector, 'revealed', decided);
    const revealed = await act('revealed', 'revealed');
    expect(await button('revealed').isDisabled(), 'shown once').toBe(true);
    await waitForPhase(projector, 'revealed', revealed);
  });

  it('resumes after a reload, and a projector reopened is back at the same moment', async () => {
    const seq = await seqOf(controller);
    await controller.reload();
    await waitForPhase(controller, 'revealed', seq);
    expect(await seqOf(controller)).toBe(seq);
    await projector.close();
    projector = await open('local=1&view=projector');
    await waitForPhase(projector, 'revealed', seq);
  });

  it('undoes the decision back to its counted hands, pauses the room and the projector, skips and ends', async () => {
    await act('undone', 'presenting');
    expect(await controller.getByTestId('round').innerText()).toBe('Decision 1');
    expect(await controller.inputValue('#hands-1'), 'the round comes back with its hands').toBe('3');
    const paused = await act('paused', 'presenting');
    for (const event of ['majority', 'undone', 'skipped', 'pick']) expect(await button(event).first().isDisabled(), `${event} while paused`).toBe(true);
    await waitForPhase(projector, 'presenting', paused);
    await projector.waitForSelector('.paused-overlay');
    await act('resumed', 'presenting');
    await act('skipped', 'presenting');
    expect(await controller.locator('.round-head h2').innerText()).toMatch(/^Scenario 2 of 2: /);
    expect(await controller.getByTestId('hot-seat').innerText(), 'the next in the hot seat').toBe('Hot seat: Anna');
    // A split vote: the room finds this one hard.
    await countHands([2, 2]);
    await act('majority', 'revealed');
    await button('ended').click();
    await act('endNow', 'summary');
    await waitForPhase(projector, 'summary');
  });

  it('sums up the session, exports it as CSV with formulas defused, and starts a new one', async () => {
    const names = await controller.locator('[data-testid="participant-scores"] tbody th').allInnerTexts();
    expect(names).toEqual(['Anna', 'Boris', FORMULA_NAME]);
    expect(await controller.locator('.hard-decision').count(), 'the split decision').toBe(1);
    await expectCleanScreen(controller, 'local summary');
    const [download] = await Promise.all([controller.waitForEvent('download'), controller.getByRole('button', { name: 'Download scores (CSV)' }).click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFname,votes,overall,calm,notPersonal,empathy,concreteFix');
    expect(csv).toContain(`"'${FORMULA_NAME}",0`);
    await controller.getByRole('button', { name: 'Start a new session' }).click();
    await waitForPhase(controller, 'lobby');
    await waitForPhase(projector, 'lobby');
    expect(errors).toEqual([]);
  });
});
