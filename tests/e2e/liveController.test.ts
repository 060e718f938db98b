import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legalChoices, type Choice } from '../../src/index.ts';
import { Peer, type ServerMessage } from '../server/liveSockets.ts';
import { launchChromium } from './harness.ts';
import { expectCleanScreen, PASSWORD, personIn, saveShot, testScenario, waitForPhase } from './liveScreens.ts';
import { api, expectAnswer, startTeamServer, watchErrors, type ErrorLog, type TeamServer } from './teamServer.ts';

/**
 * The trainer's controller against the real team server: a trainer not yet signed in is sent to
 * the staff page and back, opens a room, three phones join over the room's socket (Node clients,
 * as the phone page would speak), and the controller runs a decision through the vote (timed and
 * not), the hot seat's choice and the room's majority, the reveal, undo, pause and a refusal, then
 * ends the room and reads its summary, also later from the trainer's list of rooms. Every button is
 * enabled exactly when its event is valid; axe clean; a console error fails.
 */

const TRAINER = 'tamara';
const NAMES = ['Anna', 'Boris', 'Вера'];

let server: TeamServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let code: string;
const phones: Peer[] = [];
const logs: ErrorLog[] = [];
const scenario = testScenario();

const seqOf = async () => Number(await page.locator('#live').getAttribute('data-seq'));
const button = (event: string) => page.locator(`live-controller button[data-event="${event}"]`);
const enabled = async (event: string) => !(await button(event).first().isDisabled());

/** Clicks an action and waits until the room has taken it. */
async function act(event: string, phase: string): Promise<void> {
  const seq = await seqOf();
  await button(event).first().click();
  await waitForPhase(page, phase, seq + 1);
}

/** The moves a phone is offered now, from its own snapshot. */
async function offered(phone: Peer): Promise<Choice[]> {
  const { view } = await phone.state((view) => view.conversation !== null, 'a conversation');
  return legalChoices(scenario, view.conversation);
}

const lastView = (phone: Peer): ServerMessage => phone.messages.filter((message) => message.type === 'state').at(-1)?.view as ServerMessage;

beforeAll(async () => {
  server = await startTeamServer();
  browser = await launchChromium();
  const admin = await expectAnswer(api(server, 'POST', '/api/setup', { token: server.setupToken, username: 'admin', password: PASSWORD }), 201, 'first admin');
  const created = await expectAnswer(api(server, 'POST', '/api/staff/accounts', { username: TRAINER, role: 'trainer' }, admin.cookie), 201, 'trainer account');
  const token = new URL((created.body as { link: string }).link).hash.replace(/^#reset=/, '');
  await expectAnswer(api(server, 'POST', '/api/staff/password', { token, password: PASSWORD }), 200, 'trainer password');
  context = await personIn(browser, { viewport: { width: 1280, height: 800 }, origin: server.origin });
});

afterAll(async () => {
  for (const phone of phones) phone.close();
  await browser?.close();
  await server?.close();
  for (const log of logs) expect(log.entries).toEqual([]);
});

describe('the controller of a live room', () => {
  it('sends a trainer who is not signed in to the staff page and back, and opens a room', async () => {
    page = await context.newPage();
    logs.push(watchErrors(page));
    await page.goto(`${server.origin}/live.html?view=setup`);
    await page.getByRole('link', { name: 'Sign in on the staff page' }).click();
    await page.fill('#username', TRAINER);
    await page.fill('#password', PASSWORD);
    await page.click('staff-credentials button[type="submit"]');
    await page.waitForURL(/live\.html\?view=setup$/);
    await page.getByRole('heading', { name: 'Your rooms' }).waitFor();
    expect(await page.getByText('You have not opened a room yet.').count()).toBe(1);
    await expectCleanScreen(page, 'setup');
    await saveShot(page, 'live-setup');
    await page.getByRole('button', { name: 'Open the room' }).click();
    await waitForPhase(page, 'lobby');
    code = new URL(page.url()).searchParams.get('code') as string;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await page.getByTestId('room-code').innerText()).toBe(code);
    await page.locator('live-lobby img.qr').waitFor();
  });

  it('lists the phones that join, picks the scenario and the hot seat, and starts', async () => {
    const host = new URL(server.origin).host;
    for (const name of NAMES) {
      const phone = await Peer.open(host, code);
      phone.send({ type: 'join', name });
      await phone.next((message) => message.type === 'welcome', 'a welcome');
      phones.push(phone);
    }
    await waitForPhase(page, 'lobby', NAMES.length);
    expect(await page.locator('.roster li').allInnerTexts()).toEqual(NAMES);
    expect(await enabled('started'), 'no scenario picked').toBe(false);
    await page.check(`#pick-${scenario.id}`);
    await page.waitForSelector('button[data-event="started"]:not([disabled])');
    // Boris first, then Anna: the order they are ticked.
    await page.getByLabel('Boris', { exact: true }).check();
    await page.getByLabel('Anna', { exact: true }).check();
    expect(await page.locator('.roster .badge').allInnerTexts()).toEqual(['seat 2', 'seat 1']);
    await expectCleanScreen(page, 'lobby');
    await saveShot(page, 'live-controller-lobby', { fullPage: true });
    await act('started', 'presenting');
    expect(await page.getByTestId('hot-seat').innerText()).toBe('Hot seat: Boris');
    expect(await page.locator('.choice').count()).toBe((await offered(phones[0] as Peer)).length);
  });

  it('runs a timed vote and an open one, shows who voted what, and decides by the room’s majority', async () => {
    expect(await enabled('majority'), 'nobody has voted').toBe(false);
    expect(await enabled('voteClosed'), 'no vote open').toBe(false);
    await page.selectOption('#vote-timer', '30');
    await act('voteOpened', 'voting');
    expect(Number(await page.locator('live-countdown .countdown').getAttribute('data-left'))).toBeGreaterThan(20);
    expect(await enabled('voteOpened'), 'already open').toBe(false);
    expect(await enabled('majority'), 'close the vote first').toBe(false);
    await act('voteClosed', 'presenting');
    await page.selectOption('#vote-timer', '0');
    await act('voteOpened', 'voting');
    expect(await page.locator('live-countdown .countdown').count(), 'no timer').toBe(0);

    const [anna, boris, vera] = phones as [Peer, Peer, Peer];
    const moves = await offered(anna);
    const seq = await seqOf();
    boris.send({ type: 'vote', choice: moves[0] });
    anna.send({ type: 'vote', choice: moves[1] });
    vera.send({ type: 'vote', choice: moves[1] });
    await waitForPhase(page, 'voting', seq + 3);
    expect(await page.getByTestId('vote-status').innerText()).toBe('Vote open: 3 of 3 voted');
    expect(await page.locator('.choice .votes').nth(0).innerText()).toBe('1 vote: Boris (hot seat)');
    expect(await page.locator('.choice .votes').nth(1).innerText()).toBe('2 votes: Anna, Вера');
    await saveShot(page, 'live-controller', { readme: true });
    await expectCleanScreen(page, 'voting');

    await act('voteClosed', 'presenting');
    expect(await enabled('hotSeat')).toBe(true);
    await act('majority', 'revealed');
    expect(await page.locator('.decided h3').innerText()).toBe("The room's majority");
    expect(await page.getByTestId('feedback-shown').innerText()).toBe('The feedback is hidden from the room until you reveal it.');
    expect(await enabled('undone')).toBe(true);
    await act('revealed', 'revealed');
    await vera.state((view) => view.feedbackShown === true, 'the reveal on a phone');
  });

  it('undoes the decision back to its votes, pauses and resumes, shows a refusal, and takes the hot seat’s choice', async () => {
    await act('undone', 'presenting');
    expect(await page.getByTestId('round').innerText()).toBe('Decision 1');
    expect(await page.locator('.choice .votes').nth(1).innerText(), 'the round keeps its votes').toBe('2 votes: Anna, Вера');

    // The keyboard alone steers the room: every action is a real button.
    const seq = await seqOf();
    await button('paused').focus();
    await page.keyboard.press('Enter');
    await waitForPhase(page, 'presenting', seq + 1);
    expect(await page.getByTestId('paused').innerText()).toBe('Paused for discussion');
    for (const event of ['voteOpened', 'hotSeat', 'majority', 'undone', 'skipped', 'pick']) expect(await enabled(event), `${event} while paused`).toBe(false);
    expect(await enabled('resumed')).toBe(true);
    await act('resumed', 'presenting');

    // What the room refuses is said on the controller (a stale click from another tab, here sent directly).
    await page.evaluate(() => document.querySelector('live-controller')?.send({ type: 'revealed' }));
    await page.getByTestId('refusal').filter({ hasText: 'there is no decision to reveal' }).waitFor();

    await act('hotSeat', 'revealed');
    expect(await page.locator('.decided h3').innerText()).toBe("The hot seat's choice");
    await act('advanced', 'presenting');
    expect(await page.getByTestId('round').innerText()).toBe('Decision 2');
    expect(lastView(phones[0] as Peer).round).toBe(1);
  });

  it('looks right in Russian and on a tablet', async () => {
    const russian = await context.newPage();
    logs.push(watchErrors(russian));
    await russian.goto(`${server.origin}/live.html?code=${code}&view=controller&lang=ru`);
    await waitForPhase(russian, 'presenting');
    expect(await russian.getByRole('button', { name: 'Открыть голосование' }).count()).toBe(1);
    await expectCleanScreen(russian, 'russian');
    await saveShot(russian, 'live-controller-ru', { fullPage: true });
    await russian.setViewportSize({ width: 820, height: 1180 });
    await expectCleanScreen(russian, 'tablet');
    await saveShot(russian, 'live-controller-tablet', { fullPage: true });
    await russian.close();
  });

  it('ends the room for everyone and sums it up, there and later from the list of rooms', async () => {
    await button('ended').click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await button('endNow').count(), 'cancelled').toBe(0);
    await button('ended').click();
    await act('endNow', 'summary');
    const names = await page.locator('[data-testid="participant-scores"] tbody th').allInnerTexts();
    expect(names).toEqual(NAMES);
    const overall = await page.locator('[data-testid="participant-scores"] [data-testid="overall"]').allInnerTexts();
    expect(overall.every((score) => /^\d+$/.test(score)), overall.join()).toBe(true);
    await page.locator('live-session-summary [data-loaded="true"]').waitFor();
    await expectCleanScreen(page, 'summary');
    await saveShot(page, 'live-controller-summary', { fullPage: true });

    await page.goto(`${server.origin}/live.html?view=setup`);
    const row = page.locator(`tr[data-room="${code}"]`);
    await row.getByRole('link').click();
    await page.locator('live-session-summary [data-loaded="true"]').waitFor();
    expect(await page.locator('[data-testid="participant-scores"] [data-testid="overall"]').allInnerTexts()).toEqual(overall);
    // The handout, printed: at A4's width inside 12 mm margins (703 px) it is no taller than the page (1032 px).
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 703, height: 1032 });
    await saveShot(page, 'live-controller-handout', { fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollHeight), 'one A4 page').toBeLessThanOrEqual(1032);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('is one click from the staff page for a trainer', async () => {
    await page.goto(`${server.origin}/staff.html`);
    await page.getByTestId('live-link').click();
    await page.waitForURL(/live\.html\?view=setup$/);
    await page.getByRole('heading', { name: 'Your rooms' }).waitFor();
  });
});
