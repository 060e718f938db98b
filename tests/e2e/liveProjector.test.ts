import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Peer } from '../server/liveSockets.ts';
import { expectCleanScreen, personIn, roomWithTrainer, saveShot, type Trainer, waitForPhase } from './liveScreens.ts';
import { watchErrors, type ErrorLog, type TeamServer } from './teamServer.ts';

/**
 * The projector of a live room, in the trainer's signed-in browser, against the real team server:
 * the lobby with code, QR code and who joined; the vote as bars with counts and a countdown; the
 * reveal; the pause; B for a blank screen; closed and reopened at the same moment; the summary's
 * pages turned by a clicker; readable at 1920×1080 and 1280×720 in English and Russian, no
 * controls, axe clean, no console error. Phones are socket clients, the trainer the controller socket.
 */

const NAMES = ['Ann', 'Борис', 'Chen'];

let server: TeamServer;
let browser: Browser;
let cookie: string;
let code: string;
let trainer: Trainer;
let presenter: BrowserContext;
let projector: Page;
const phones: Peer[] = [];
const logs: ErrorLog[] = [];

async function openProjector(language: 'en' | 'ru' = 'en'): Promise<Page> {
  const page = await presenter.newPage();
  logs.push(watchErrors(page));
  await page.goto(`${server.origin}/live.html?code=${code}&view=projector&lang=${language}`);
  return page;
}

/** A slide does not scroll: the page fits the window, and nothing is cut off inside its boxes (the type shrinks instead). */
async function expectFits(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.fit')].every((box) => box.scrollHeight <= box.clientHeight + 1), undefined, { timeout: 2_000 }).catch(() => undefined);
  const { page: tall, boxes } = await page.evaluate(() => ({
    page: document.documentElement.scrollHeight - window.innerHeight,
    boxes: [...document.querySelectorAll<HTMLElement>('.fit')].map((box) => box.scrollHeight - box.clientHeight),
  }));
  expect(tall, `${name}: the page is taller than the window`).toBeLessThanOrEqual(0);
  for (const over of boxes) expect(over, `${name}: a box is cut off`).toBeLessThanOrEqual(1);
}

const seqOf = async (page: Page) => Number(await page.locator('#live').getAttribute('data-seq'));
const countOf = (page: Page, key: string) => page.locator(`.result[data-choice="${key}"]`).getAttribute('data-count');

beforeAll(async () => {
  ({ server, browser, cookie, code, trainer } = await roomWithTrainer());
  presenter = await personIn(browser, { viewport: { width: 1920, height: 1080 }, cookie, origin: server.origin });
});

afterAll(async () => {
  for (const phone of phones) phone.close();
  trainer?.peer.close();
  await browser?.close();
  await server?.close();
});

describe('the projector of a live room', () => {
  it('shows the code, the join link, a QR code and who has joined, with no controls', async () => {
    projector = await openProjector();
    await waitForPhase(projector, 'lobby');
    expect(await projector.getByTestId('room-code').innerText()).toBe(code);
    const link = projector.getByRole('link', { name: new RegExp(`/live\\.html\\?code=${code}$`) });
    expect(await link.getAttribute('href')).toBe(`${server.origin}/live.html?code=${code}`);
    const qr = projector.getByRole('img', { name: `QR code of the join link ${server.origin}/live.html?code=${code}` });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    for (const name of NAMES) {
      const phone = await Peer.open(new URL(server.origin).host, code, { origin: server.origin });
      phone.send({ type: 'join', name });
      await phone.next((message) => message.type === 'welcome', 'the welcome');
      phones.push(phone);
    }
    await projector.getByRole('heading', { name: '3 people have joined' }).waitFor();
    expect(await projector.locator('.names li').allInnerTexts()).toEqual(NAMES);
    expect(await projector.locator('button, input, select, a[href]:not(.join-url)').count(), 'a projector has no controls').toBe(0);
    await expectCleanScreen(projector, 'the lobby');
  });

  it('shows the vote as bars with counts and a countdown, then the reveal with its review', async () => {
    const roster = (await trainer.current()).participants.map((participant: { id: string; name: string }) => ({ id: participant.id, name: participant.name }));
    await trainer.start(roster);
    await trainer.send({ type: 'voteOpened', durationMs: 120_000 }, (state) => state.phase === 'voting');
    await waitForPhase(projector, 'voting');
    await projector.getByText('In the hot seat: Ann').waitFor();
    await projector.getByRole('timer').waitFor();
    const left = Number(await projector.locator('.countdown').getAttribute('data-left'));
    expect(left).toBeGreaterThan(100);
    expect(left).toBeLessThanOrEqual(120);
    // It counts down by itself, between the room's snapshots.
    await projector.waitForFunction((before) => Number(document.querySelector('.countdown')?.getAttribute('data-left')) < before, left);
    const choices = await trainer.choices();
    const key = (index: number) => {
      const choice = choices[index];
      return choice?.kind === 'reply' ? choice.reply : (choice?.kind ?? '');
    };
    // Two for the second reply, one for the first.
    phones[0]?.send({ type: 'vote', choice: choices[1] });
    phones[1]?.send({ type: 'vote', choice: choices[1] });
    phones[2]?.send({ type: 'vote', choice: choices[0] });
    await trainer.until((state) => Object.keys(state.vote.votes).length === 3, 'three votes');
    await projector.getByText('3 of 3 have voted').waitFor();
    expect(await countOf(projector, key(1))).toBe('2');
    expect(await countOf(projector, key(0))).toBe('1');
    expect(await projector.locator(`.result[data-choice="${key(1)}"] .result-count`).innerText()).toBe('2 votes');
    const widths = await projector.locator('.result-fill').evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).style.width));
    expect(widths.slice(0, 2)).toEqual(['33%', '67%']);
    await expectCleanScreen(projector, 'the vote (1920×1080, en)');
    await expectFits(projector, 'the vote (1920×1080, en)');
    await saveShot(projector, 'live-projector-1920', { readme: true });

    await trainer.send({ type: 'voteClosed' }, (state) => state.phase === 'presenting');
    await trainer.send({ type: 'decided', source: 'majority' }, (state) => state.phase === 'revealed');
    await waitForPhase(projector, 'revealed');
    await projector.getByRole('heading', { name: 'The room chose' }).waitFor();
    expect(await projector.locator(`.result[data-chosen]`).getAttribute('data-choice'), 'the decided round keeps its tallies on screen').toBe(key(1));
    await projector.setViewportSize({ width: 1280, height: 720 });
    await expectFits(projector, 'the room’s move before the reveal (1280×720, en)');
    await trainer.send({ type: 'revealed' }, (state) => state.feedbackShown);
    await projector.locator('.feedback[data-shown="true"] .verdict-word').waitFor();
    expect(await projector.locator('.effects li').count()).toBe(4);
    await expectCleanScreen(projector, 'the reveal (1280×720, en)');
    await expectFits(projector, 'the reveal (1280×720, en)');
    await saveShot(projector, 'live-projector-1280', { readme: true });
  });

  it('covers the slide while paused, blanks it with B, and comes back at the same moment when closed and reopened', async () => {
    await trainer.send({ type: 'paused' }, (state) => state.paused);
    await projector.getByRole('status').filter({ hasText: 'Paused for discussion' }).waitFor();
    await projector.keyboard.press('b');
    await projector.getByTestId('blank').waitFor();
    expect(await projector.locator('#live').getAttribute('data-blank')).toBe('true');
    await projector.keyboard.press('B');
    await projector.getByTestId('blank').waitFor({ state: 'detached' });
    await trainer.send({ type: 'resumed' }, (state) => !state.paused);
    await trainer.send({ type: 'advanced' }, (state) => state.phase === 'presenting');
    await waitForPhase(projector, 'presenting');
    const seq = await seqOf(projector);
    const line = await projector.locator('.customer-line').innerText();
    await projector.close();

    projector = await openProjector('ru');
    await waitForPhase(projector, 'presenting', seq);
    expect(await seqOf(projector)).toBe(seq);
    expect(await projector.locator('.customer').getAttribute('data-node')).toBeTruthy();
    expect(await projector.locator('.customer-line').innerText(), 'the same line, in Russian now').not.toBe(line);
    await projector.getByText('В «горячем кресле»: Ann').waitFor();
    for (const size of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
      await projector.setViewportSize(size);
      await expectCleanScreen(projector, `presenting (${size.width}, ru)`);
      await expectFits(projector, `presenting (${size.width}, ru)`);
      await saveShot(projector, `live-projector-ru-${size.width}`);
    }
  });

  it('ends on the summary, whose pages a clicker turns', async () => {
    await trainer.send({ type: 'ended' }, (state) => state.phase === 'summary');
    await waitForPhase(projector, 'summary');
    await projector.getByRole('heading', { name: 'Самые трудные для группы решения' }).waitFor();
    const pages = Number(await projector.locator('.summary-slide').getAttribute('data-pages'));
    expect(pages).toBeGreaterThan(1);
    await projector.keyboard.press('PageDown');
    await projector.getByRole('heading', { name: 'Все решения' }).waitFor();
    expect(await projector.locator('.summary-decision').count()).toBe(1);
    await projector.keyboard.press('ArrowRight');
    expect(await projector.locator('.summary-slide').getAttribute('data-page'), 'the last page stays').toBe(String(pages - 1));
    await projector.keyboard.press('ArrowLeft');
    await projector.getByRole('heading', { name: 'Самые трудные для группы решения' }).waitFor();
    await expectCleanScreen(projector, 'the summary (ru)');
    await expectFits(projector, 'the summary (ru)');
    await saveShot(projector, 'live-projector-summary');
  });

  it('says where to open it when the browser is not the trainer’s', async () => {
    const stranger = await personIn(browser, { viewport: { width: 1280, height: 720 }, origin: server.origin });
    const page = await stranger.newPage();
    const log = watchErrors(page);
    await page.goto(`${server.origin}/live.html?code=${code}&view=projector`);
    await page.getByRole('heading', { name: 'Open the projector in the trainer’s browser' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign in on the staff page' }).getAttribute('href')).toBe('/staff.html');
    await expectCleanScreen(page, 'a projector outside the trainer’s browser');
    // The browser logs the 401 that told the page so.
    expect(log.allow((entry) => entry.text.includes('status of 401'))).toBe(1);
    expect(log.entries).toEqual([]);
    await stranger.close();
  });

  it('logged no console error', () => {
    expect(logs.flatMap((log) => log.entries)).toEqual([]);
  });
});
