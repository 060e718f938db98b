import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanScreen, personIn, roomWithTrainer, saveShot, Trainer, waitForPhase } from './liveScreens.ts';
import { tokenKey } from '../../views/live/socket/link.ts';
import { traineeJoins } from './staffSupport.ts';
import { watchErrors, type ErrorLog, type TeamServer } from './teamServer.ts';

/**
 * A participant's phone in a live room, against the real team server, the trainer driven over the
 * controller socket: asking for a code, joining by name in English and Russian at 360 px, voting
 * and changing the vote, the hot seat told it picks for real, a lost server and a locked phone
 * that both come back with the vote kept, the result, the reveal, a pause and the phone's own
 * score at the end. axe finds nothing on any screen; a console error fails the test.
 */

let server: TeamServer;
let browser: Browser;
let cookie: string;
let code: string;
let trainer: Trainer;
const logs = new Map<Page, ErrorLog>();
const phones: { ann: Page; boris: Page } = {} as never;

/** A phone of its own (its own cookies and storage) at `path`, its console watched. */
async function phoneAt(path: string): Promise<Page> {
  const context = await personIn(browser, { viewport: { width: 360, height: 740 }, phone: true, origin: server.origin });
  const page = await context.newPage();
  logs.set(page, watchErrors(page));
  await page.goto(`${server.origin}${path}`);
  return page;
}

const logOf = (page: Page) => logs.get(page) as ErrorLog;
const pressed = (page: Page) => page.locator('.choice[aria-pressed="true"]').getAttribute('data-choice');
const choiceKeys = (page: Page) => page.locator('.choice').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-choice')));
/** The id the room knows a participant by, from the controller's view. */
const idOf = async (name: string): Promise<string> => ((await trainer.current()).participants as { id: string; name: string }[]).find((p) => p.name === name)?.id ?? '';
const voteOf = async (name: string) => {
  const state = await trainer.current();
  const vote = state.vote?.votes[await idOf(name)];
  return vote && (vote.kind === 'reply' ? vote.reply : vote.kind);
};

beforeAll(async () => {
  ({ server, browser, cookie, code, trainer } = await roomWithTrainer());
});

afterAll(async () => {
  trainer?.peer.close();
  await browser?.close();
  await server?.close();
});

describe('a phone in a live room', () => {
  it('asks for the room code when the link has none, and says when a code opens no room', async () => {
    const page = await phoneAt('/live.html');
    await page.getByRole('heading', { name: 'Join a live session' }).waitFor();
    await expectCleanScreen(page, 'the code form');
    await page.getByLabel('Room code').fill('zzzz-zzzz');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: 'There is no live session with that code' }).waitFor();
    expect(new URL(page.url()).searchParams.get('code')).toBe('ZZZZ-ZZZZ');
    // The browser logs the 404 of the room asked about: that is the answer, not an error of the page.
    expect(logOf(page).allow((entry) => entry.text.includes('status of 404'))).toBe(1);
    await expectCleanScreen(page, 'the code form with a wrong code');
    await page.getByLabel('Room code').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Join the session' }).waitFor();

    // A token the room does not know (another room's, long ago): the phone forgets it and asks for a name, saying why.
    await page.evaluate((key) => localStorage.setItem(key, 'a-token-this-room-never-gave'), tokenKey(code));
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'The room no longer knows this phone: join again with your name.' }).waitFor();
    await page.getByRole('heading', { name: 'Join the session' }).waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), tokenKey(code))).toBeNull();
    await page.context().close();
  });

  it('joins by name in English and in Russian, on a 360-px phone, and waits in the lobby', async () => {
    phones.ann = await phoneAt(`/live.html?code=${code}&lang=en`);
    phones.boris = await phoneAt(`/live.html?code=${code}&lang=ru`);
    await phones.boris.getByRole('heading', { name: 'Вход в сессию' }).waitFor();
    await expectCleanScreen(phones.boris, 'the join form (ru)');
    // An empty name is refused on the phone, on the field.
    await phones.ann.getByRole('button', { name: 'Join', exact: true }).click();
    expect(await phones.ann.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');
    await phones.ann.getByLabel('Your name').fill('Ann');
    await phones.ann.getByLabel('Your name').press('Enter');
    await phones.boris.getByLabel('Ваше имя').fill('Борис');
    await phones.boris.getByRole('button', { name: 'Войти', exact: true }).click();
    await waitForPhase(phones.ann, 'lobby');
    await waitForPhase(phones.boris, 'lobby');
    await phones.ann.getByRole('heading', { name: 'You’re in, Ann!' }).waitFor();
    await phones.boris.getByText('В комнате 2 человека').waitFor();
    await trainer.until((state) => state.participants.length === 2, 'both phones in the room');
    await expectCleanScreen(phones.ann, 'the lobby (en)');
    await expectCleanScreen(phones.boris, 'the lobby (ru)');
  });

  it('shows the customer and the replies in the room’s order, votes, changes its vote, and tells the hot seat it picks for real', async () => {
    await trainer.start([{ id: await idOf('Ann'), name: 'Ann' }]);
    await waitForPhase(phones.ann, 'presenting');
    await phones.ann.getByRole('heading', { name: 'The replies' }).waitFor();
    await trainer.send({ type: 'voteOpened', durationMs: 5 * 60_000 }, (state) => state.phase === 'voting');
    await waitForPhase(phones.ann, 'voting');
    await waitForPhase(phones.boris, 'voting');
    const keys = (await trainer.choices()).map((choice) => (choice.kind === 'reply' ? choice.reply : choice.kind));
    expect(await choiceKeys(phones.ann), 'every phone lists the moves in the seeded order').toEqual(keys);
    expect(await choiceKeys(phones.boris)).toEqual(keys);
    await phones.ann.getByText('You’re in the hot seat: your vote is the choice that counts.').waitFor();
    await phones.boris.getByText('В «горячем кресле»: Ann.').waitFor();
    await phones.ann.getByRole('heading', { name: 'Choose your reply' }).waitFor();
    await phones.ann.getByRole('timer').waitFor();

    await phones.ann.locator('.choice').nth(1).click();
    await expect.poll(() => voteOf('Ann')).toBe(keys[1]);
    await phones.ann.getByRole('status').filter({ hasText: 'Your vote: reply 2.' }).waitFor();
    expect(await pressed(phones.ann)).toBe(keys[1]);
    // Changed: the room holds one vote per person, the new one.
    await phones.ann.locator('.choice').nth(0).click();
    await phones.ann.getByRole('status').filter({ hasText: 'Your vote: reply 1.' }).waitFor();
    await expect.poll(() => voteOf('Ann')).toBe(keys[0]);
    // Keyboard: Tab to a reply and press Enter.
    await phones.boris.locator('.choice').nth(2).focus();
    await phones.boris.keyboard.press('Enter');
    await phones.boris.getByRole('status').filter({ hasText: 'Ваш голос: ответ 3.' }).waitFor();
    await trainer.until((state) => Object.keys(state.vote.votes).length === 2, 'both votes');
    for (const [page, language] of [[phones.ann, 'en'], [phones.boris, 'ru']] as const) {
      await expectCleanScreen(page, `voting (${language})`);
      await saveShot(page, `live-phone-${language}`, { fullPage: true, readme: true });
    }
  });

  it('keeps its vote through a server that goes down and comes back, and through a locked screen', async () => {
    const keys = await choiceKeys(phones.ann);
    const from = Math.min(...[phones.ann, phones.boris].map((page) => logOf(page).entries.length));
    trainer.peer.close();
    await server.stop();
    await phones.ann.waitForFunction(() => document.getElementById('live')?.dataset.status === 'reconnecting');
    await phones.ann.getByText('Connection lost: reconnecting…').waitFor();
    expect(await phones.ann.locator('.choice:disabled').count(), 'no vote is taken while the room cannot hear it').toBe(keys.length);
    await server.start();
    trainer = await Trainer.open(server, code, cookie);
    await phones.ann.waitForFunction(() => document.getElementById('live')?.dataset.status === 'open', undefined, { timeout: 20_000 });
    // Hearing the room again (not showing what it had before the outage): the trainer pauses, the phones show it.
    await trainer.send({ type: 'paused' }, (state) => state.paused);
    await phones.ann.getByRole('status').filter({ hasText: 'Paused for discussion' }).waitFor();
    expect(await pressed(phones.ann), 'the vote came back with the room').toBe(keys[0]);
    expect(await voteOf('Ann')).toBe(keys[0]);
    // The failed reconnections while the server was down are the test's doing.
    await phones.boris.waitForFunction(() => document.getElementById('live')?.dataset.status === 'open', undefined, { timeout: 20_000 });
    for (const page of [phones.ann, phones.boris]) logOf(page).allow((entry) => /WebSocket connection|net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE)/.test(entry.text), from);

    // A locked phone: hidden for longer than a socket can be trusted, then back; it opens a fresh socket and rejoins.
    const sockets: string[] = [];
    phones.boris.on('websocket', (socket) => sockets.push(socket.url()));
    await phones.boris.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await phones.boris.waitForTimeout(5_200);
    await phones.boris.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await phones.boris.waitForFunction(() => document.getElementById('live')?.dataset.status === 'open');
    expect(sockets).toHaveLength(1);
    await trainer.send({ type: 'resumed' }, (state) => !state.paused);
    await phones.boris.locator('.paused-banner').waitFor({ state: 'detached' });
    await phones.boris.getByRole('status').filter({ hasText: 'Ваш голос: ответ 3.' }).waitFor();
    expect(await voteOf('Борис')).toBe(keys[2]);
    // Still one person each: a rejoin adds nobody.
    expect((await trainer.current()).participants).toHaveLength(2);
  });

  it('shows the result, the reveal once the trainer shows it, a pause, and its own score at the end', async () => {
    await trainer.send({ type: 'voteClosed' }, (state) => state.phase === 'presenting');
    await phones.ann.getByRole('heading', { name: 'The vote is closed' }).waitFor();
    await phones.ann.locator('.result[data-count="1"] .result-mark.mine').waitFor();
    await trainer.send({ type: 'decided', source: 'hotSeat' }, (state) => state.phase === 'revealed');
    await waitForPhase(phones.ann, 'revealed');
    await phones.ann.getByRole('heading', { name: 'Ann in the hot seat chose' }).waitFor();
    expect(await phones.ann.locator('.feedback').getAttribute('data-shown'), 'no verdict before the trainer reveals it').toBe('false');
    await trainer.send({ type: 'revealed' }, (state) => state.feedbackShown);
    await phones.boris.locator('.feedback[data-shown="true"] .verdict').waitFor();
    await phones.ann.locator('.effects li[data-skill="empathy"]').waitFor();
    await phones.ann.locator('.result[data-chosen] .result-mark.mine').waitFor();
    await expectCleanScreen(phones.ann, 'the reveal (en)');
    await expectCleanScreen(phones.boris, 'the reveal (ru)');

    await trainer.send({ type: 'paused' }, (state) => state.paused);
    await phones.boris.getByRole('status').filter({ hasText: 'Пауза для обсуждения' }).waitFor();
    await trainer.send({ type: 'resumed' }, (state) => !state.paused);
    await phones.boris.locator('.paused-banner').waitFor({ state: 'detached' });

    const ended = await trainer.send({ type: 'ended' }, (state) => state.phase === 'summary');
    expect(ended.phase).toBe('summary');
    const summary = (trainer.peer.messages.filter((message) => message.type === 'state').at(-1)?.view.summary ?? null) as { participants: { name: string; overall: number | null; skills: Record<string, number> | null }[] } | null;
    await waitForPhase(phones.ann, 'summary');
    await phones.ann.getByRole('heading', { name: 'Your result' }).waitFor();
    const mine = summary?.participants.find((participant) => participant.name === 'Ann');
    expect(mine?.overall, 'the summary scores Ann').not.toBeNull();
    expect(await phones.ann.getByTestId('score-overall').innerText()).toBe(String(mine?.overall));
    for (const [skill, value] of Object.entries(mine?.skills ?? {})) expect(await phones.ann.locator(`.score-skills li[data-skill="${skill}"] .score-value`).innerText()).toBe(String(value));
    await phones.boris.getByRole('heading', { name: 'Ваш результат' }).waitFor();
    await expectCleanScreen(phones.boris, 'the summary (ru)');
  });

  it('offers a trainee of the room’s cohort one tap to join as themselves', async () => {
    const cohort = await fetch(`${server.origin}/api/cohorts`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'Live intake' }) });
    expect(cohort.status).toBe(201);
    const { id: cohortId, joinCode } = (await cohort.json()) as { id: string; joinCode: string };
    const trainee = await traineeJoins(server.origin, joinCode, 'Dana');
    const room = await fetch(`${server.origin}/api/live/rooms`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ cohortId }) });
    const cohortCode = ((await room.json()) as { code: string }).code;
    const context = await personIn(browser, { viewport: { width: 360, height: 740 }, phone: true, cookie: trainee, origin: server.origin });
    const page = await context.newPage();
    logs.set(page, watchErrors(page));
    await page.goto(`${server.origin}/live.html?code=${cohortCode}`);
    await page.getByRole('button', { name: 'Join as Dana' }).click();
    await waitForPhase(page, 'lobby');
    await page.getByRole('heading', { name: 'You’re in, Dana!' }).waitFor();
    await expectCleanScreen(page, 'a trainee in the lobby');
    await context.close();
  });

  it('logged no console error beyond the ones the test caused', () => {
    expect([...logs.values()].flatMap((log) => log.entries)).toEqual([]);
  });
});
