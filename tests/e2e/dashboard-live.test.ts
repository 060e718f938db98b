import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../server/library.ts';
import { currentConversation, legalChoices, type Choice, type ControllerView, type LiveSessionRow } from '../../src/index.ts';
import { Peer } from '../server/liveSockets.ts';
import { checkView, ready } from './dashboardSupport.ts';
import { launchChromium } from './harness.ts';
import { ConsoleWatch, traineeJoins } from './staffSupport.ts';
import { api, expectAnswer, startTeamServer, type TeamServer } from './teamServer.ts';

/**
 * A live session reaches the manager's trainee view: a trainee joins a cohort room from her
 * signed-in phone (a socket with her cookie, as her browser would open it), votes from the hot
 * seat, the room ends, and the report shows the session in its "Live sessions" table, axe-clean
 * in both languages, on a phone and in print.
 */
const PASSWORD = 'a long enough password';
const scenario = loadLibrary()[0]?.scenario;
if (!scenario) throw new Error('no scenario in the library');

let browser: Browser;
let server: TeamServer;
let page: Page;
let watch: ConsoleWatch;
let annId = '';
let managerCookie = '';

const asRecord = (cookie: string) => Object.fromEntries(cookie.split('; ').map((pair) => pair.split('=') as [string, string]));

/** Ann holds the hot seat for one decision, which the room takes from her, and the trainer ends the room. */
async function runSession(adminCookie: string, annCookie: string, cohortId: string): Promise<void> {
  const room = (await expectAnswer(api(server, 'POST', '/api/live/rooms', { cohortId }, adminCookie), 201, 'room')).body as { code: string };
  const host = new URL(server.origin).host;
  const controller = await Peer.open(host, room.code, { controller: true, cookies: asRecord(adminCookie), origin: server.origin });
  const phone = await Peer.open(host, room.code, { cookies: asRecord(annCookie), origin: server.origin });
  phone.send({ type: 'join', name: 'whatever she types' });
  const ann = (await controller.state((view) => view.state.participants.length === 1)).view as ControllerView;
  const [seat] = ann.state.participants.map(({ id, name }) => ({ id, name }));
  expect(seat?.name).toBe('Ann');
  const send = (event: object) => controller.send({ type: 'event', event });
  send({ type: 'started', scenarios: [{ id: scenario?.id, version: scenario?.version }], seed: 5, roster: [seat], rotation: { every: 'scenario' } });
  send({ type: 'voteOpened', durationMs: null });
  const voting = ((await controller.state((view) => view.state.phase === 'voting')).view as ControllerView).state;
  const [first] = legalChoices(scenario as NonNullable<typeof scenario>, currentConversation(voting)) as [Choice];
  phone.send({ type: 'vote', choice: first });
  await controller.state((view) => Object.keys(view.state.vote?.votes ?? {}).length === 1);
  for (const event of [{ type: 'voteClosed' }, { type: 'decided', source: 'hotSeat' }, { type: 'ended' }]) send(event);
  await controller.state((view) => view.state.phase === 'summary');
  controller.close();
  phone.close();
}

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTeamServer()]);
  const admin = await expectAnswer(api(server, 'POST', '/api/setup', { token: server.setupToken, username: 'admin', password: PASSWORD }), 201, 'first admin');
  const created = await expectAnswer(api(server, 'POST', '/api/staff/accounts', { username: 'marina', role: 'manager' }, admin.cookie), 201, 'manager account');
  const token = new URL((created.body as { link: string }).link).hash.replace('#reset=', '');
  managerCookie = (await expectAnswer(api(server, 'POST', '/api/staff/password', { token, password: PASSWORD }), 200, 'manager password')).cookie ?? '';
  const cohort = (await expectAnswer(api(server, 'POST', '/api/cohorts', { name: 'November intake' }, managerCookie), 201, 'cohort')).body as { id: string; joinCode: string };
  const annCookie = await traineeJoins(server.origin, cohort.joinCode, 'Ann');
  annId = ((await expectAnswer(api(server, 'GET', '/api/me', undefined, annCookie), 200, 'me')).body as { id: string }).id;
  await runSession(admin.cookie ?? '', annCookie, cohort.id);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  const [name, value] = managerCookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.origin }]);
  page = await context.newPage();
  watch = new ConsoleWatch(page);
});

afterAll(async () => {
  watch?.check();
  await browser?.close();
  await server?.close();
});

describe('a live session in the manager\'s trainee view', () => {
  it('lists the session with her vote and her move from the hot seat, in both languages, on a phone and in print', async () => {
    // Saved as the room ends, just after its screens hear of it.
    await expect.poll(async () => ((await api(server, 'GET', `/api/dashboard/trainees/${annId}`, undefined, managerCookie)).body as { live: LiveSessionRow[] }).live.length).toBe(1);
    await page.goto(`${server.origin}/dashboard.html?view=trainee&id=${annId}`);
    await ready(page);
    const table = page.getByRole('table', { name: /Live sessions she joined|Live sessions they joined/ });
    const cells = await table.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(cells).toHaveLength(5);
    expect(cells[1]).not.toBe('');
    expect(cells[1]).not.toBe(scenario?.id);
    expect(cells[2]).toBe('1');
    expect(cells[4]).toContain('the room took 1 of their 1 move');
    await checkView(page, 'trainee-live');
  });
});
