import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Choice } from '../../src/index.ts';
import { SKILLS } from '../../src/index.ts';
import { readRows, SCREENSHOTS, waitForReplies } from './game.ts';
import { axeViolations, launchChromium } from './harness.ts';
import { plannedPlays, type PlannedPlay } from './plans.ts';
import { api, expectAnswer, startTeamServer, watchErrors, type ErrorLog, type TeamServer } from './teamServer.ts';

/**
 * Issue 11's "Done when", in real Chromium against the real team server (PGlite): two trainees
 * join a cohort from its link and play; one closes the tab mid-conversation and resumes from the
 * menu; the server stops mid-play, play goes on with the outbox filling, and when it is back every
 * decision arrives once and in order; the manager signs in and reads both trainees' attempts with
 * the server's own scores, equal to the debriefs'; a trainee cannot read the other's attempt.
 */
const PASSWORD = 'a long enough password';
/** A name that would run script if any page put it in as markup. */
const HOSTILE_NAME = 'Ann </script><img src=x onerror=alert(1)>';

let browser: Browser;
let server: TeamServer;
let cohort: { id: string; name: string; joinCode: string; joinLink: string };
let managerCookie: string;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTeamServer()]);
  const admin = await expectAnswer(api(server, 'POST', '/api/setup', { token: server.setupToken, username: 'admin', password: PASSWORD }), 201, 'first admin');
  const created = await expectAnswer(api(server, 'POST', '/api/staff/accounts', { username: 'marina', role: 'manager' }, admin.cookie), 201, 'manager account');
  const token = new URL((created.body as { link: string }).link).hash.replace('#reset=', '');
  const manager = await expectAnswer(api(server, 'POST', '/api/staff/password', { token, password: PASSWORD }), 200, 'manager password');
  cohort = (await expectAnswer(api(server, 'POST', '/api/cohorts', { name: 'November intake' }, manager.cookie), 201, 'cohort')).body as typeof cohort;
  managerCookie = manager.cookie ?? '';
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Trainee {
  context: BrowserContext;
  page: Page;
  errors: ErrorLog;
}

async function openTrainee(path: string, viewport = { width: 1280, height: 720 }): Promise<Trainee> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  page.on('dialog', (dialog) => errors.entries.push({ text: `dialog: ${dialog.message()}`, url: page.url() }));
  await page.goto(server.origin + path);
  return { context, page, errors };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `team-${name}.png`) });
const plan = (scenario: string, name: string): PlannedPlay => {
  const found = plannedPlays(name).find((play) => play.scenario.id === scenario);
  if (!found) throw new Error(`no ${name} plan for ${scenario}`);
  return found;
};

/** Makes one planned move and waits until this device's database holds it. */
async function decide(page: Page, choice: Choice, count: number): Promise<void> {
  await waitForReplies(page);
  if (choice.kind === 'breath') await page.click('[data-testid="breath"]');
  else if (choice.kind === 'reply') await page.click(`[data-testid="replies"] button[data-reply="${choice.reply}"]`);
  await page.waitForSelector(`.conversation[data-decisions="${count}"][data-saved="${count}"]`);
}

async function finish(page: Page): Promise<Record<string, number>> {
  await page.click('[data-testid="continue"]');
  await page.waitForSelector('[data-testid="debrief"]');
  const scores: Record<string, number> = { overall: Number(await page.textContent('[data-testid="overall"]')) };
  for (const skill of SKILLS) scores[skill] = Number(await page.textContent(`[data-testid="skill-score-${skill}"]`));
  return scores;
}

const outbox = (page: Page) => readRows<{ kind: string; attemptId: string; body: { index?: number } }>(page, 'outbox');
const waitForEmptyOutbox = (page: Page) => expect.poll(async () => (await outbox(page)).length, { timeout: 30_000, interval: 250 }).toBe(0);
const attemptIdOf = async (page: Page, scenario: string) => (await readRows<{ id: string; scenario: string }>(page, 'attempts')).find((row) => row.scenario === scenario)?.id ?? '';

/** What the server holds of an attempt, asked from the page as the trainee signed in there. */
const serverAttempt = (page: Page, id: string) =>
  page.evaluate(async (attempt) => {
    const response = await fetch(`/api/attempts/${attempt}`);
    return { status: response.status, body: response.ok ? ((await response.json()) as { decisions: { index: number; id: string; choice: Choice }[] }) : undefined };
  }, id);

describe('trainees on the team server', () => {
  let ann: Trainee;
  let boris: Trainee;
  const scores = new Map<string, Record<string, number>>();
  const attempts = new Map<string, string>();

  it('joins a cohort from its link: the cohort by name, the privacy notice, axe-clean in both languages, on a desktop and a 360-px phone', async () => {
    ann = await openTrainee(`/?join=${cohort.joinCode}`);
    const { page } = ann;
    await page.waitForSelector('.team-cohort');
    expect(await page.textContent('.team-cohort')).toBe('You are joining November intake');
    expect(await page.textContent('[data-testid="privacy"]')).toContain('kept until you or your manager delete them');
    expect(await page.locator('#trainee-name').count(), 'one name field: the join form asks').toBe(0);
    expect(await axeViolations(page, '#ui')).toEqual([]);
    await shot(page, 'join-en-desktop');
    await page.click('[data-language="ru"]');
    await page.waitForFunction(() => document.querySelector('.team-cohort')?.textContent === 'Вы вступаете в группу «November intake»');
    expect(await axeViolations(page, '#ui')).toEqual([]);
    await shot(page, 'join-ru-desktop');

    const phone = await ann.context.newPage();
    const phoneErrors = watchErrors(phone);
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${server.origin}/?join=${cohort.joinCode}`);
    await phone.waitForSelector('.team-cohort');
    const overflow = () => phone.evaluate(() => [...document.querySelectorAll('#ui *')].filter((node) => node.getBoundingClientRect().right > window.innerWidth + 1).map((node) => node.className));
    expect(await overflow()).toEqual([]);
    await shot(phone, 'join-ru-phone');
    await phone.click('[data-language="en"]');
    await phone.waitForSelector('text=You are joining November intake');
    expect(await overflow()).toEqual([]);
    expect(await axeViolations(phone, '#ui')).toEqual([]);
    await shot(phone, 'join-en-phone');
    await phone.close();
    expect(phoneErrors.entries).toEqual([]);
  });

  it('an unknown join code says so clearly', async () => {
    const stranger = await openTrainee('/?join=ZZZZ-ZZZZ');
    await stranger.page.waitForSelector('[role="alert"]');
    expect(await stranger.page.textContent('[role="alert"]')).toContain('This join link does not work');
    // The one error is the 404 this test asked for.
    expect(stranger.errors.allow((entry) => entry.url.endsWith('/api/join/ZZZZ-ZZZZ') && entry.text.includes('404'))).toBe(1);
    expect(stranger.errors.entries).toEqual([]);
    await stranger.context.close();
  });

  it('two trainees join and play; the server keeps every decision and scores it as the debrief does', async () => {
    const { page } = ann;
    await page.click('[data-language="en"]');
    await page.fill('#team-name', HOSTILE_NAME);
    await page.click('[data-team="join"]');
    await page.waitForSelector('[data-testid="signed-in"]');
    expect(await page.textContent('[data-testid="signed-in"]')).toBe(`Signed in as ${HOSTILE_NAME} · November intake`);
    expect(new URL(page.url()).searchParams.has('join'), 'a reload does not offer to join again').toBe(false);
    expect(await axeViolations(page, '#ui')).toEqual([]);
    await shot(page, 'signed-in-en-desktop');

    const late = plan('late-return', 'mixed');
    await page.click('.card[data-scenario="late-return"]');
    for (const [index, choice] of late.choices.entries()) await decide(page, choice, index + 1);
    scores.set('ann', await finish(page));
    expect(scores.get('ann')?.overall).toBe(late.expected.overall);
    await waitForEmptyOutbox(page);
    attempts.set('ann', await attemptIdOf(page, 'late-return'));
    const held = await serverAttempt(page, attempts.get('ann') ?? '');
    expect(held.body?.decisions.map((decision) => decision.choice)).toEqual(late.choices);

    // Reloaded (the page now carries the hostile name from the server): it is text, and nothing ran.
    await page.reload();
    await page.waitForSelector('[data-testid="signed-in"]');
    expect(await page.textContent('[data-testid="signed-in"]')).toBe(`Signed in as ${HOSTILE_NAME} · November intake`);
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    boris = await openTrainee(`/?join=${cohort.joinCode}`);
    await boris.page.waitForSelector('#team-name');
    await boris.page.fill('#team-name', 'Борис');
    await boris.page.press('#team-name', 'Enter');
    await boris.page.waitForSelector('[data-testid="signed-in"]');
  });

  it('closes the tab mid-conversation and resumes from the menu; everything reaches the server once', async () => {
    const best = plan('personal-insult', 'best');
    let { page } = boris;
    await page.click('.card[data-scenario="personal-insult"]');
    for (const [index, choice] of best.choices.slice(0, 2).entries()) await decide(page, choice, index + 1);
    expect(boris.errors.entries).toEqual([]);
    await page.close();

    page = await boris.context.newPage();
    boris = { ...boris, page, errors: watchErrors(page) };
    await page.goto(server.origin);
    await page.waitForSelector('.resume-card[data-resume="personal-insult"]');
    expect(await page.textContent('[data-testid="signed-in"]')).toBe('Signed in as Борис · November intake');
    await page.click('.resume-card');
    for (const [index, choice] of best.choices.slice(2).entries()) await decide(page, choice, index + 3);
    scores.set('boris', await finish(page));
    expect(scores.get('boris')?.overall).toBe(best.expected.overall);
    await waitForEmptyOutbox(page);
    attempts.set('boris', await attemptIdOf(page, 'personal-insult'));
    const held = await serverAttempt(page, attempts.get('boris') ?? '');
    expect(held.body?.decisions.map((decision) => [decision.index, decision.choice])).toEqual(best.choices.map((choice, index) => [index, choice]));
  });

  it('plays on while the server is down; when it is back every decision arrives once, in order', async () => {
    const { page, errors } = ann;
    const mixed = plan('hosting-outage', 'mixed');
    await page.click('.card[data-scenario="hosting-outage"]');
    await decide(page, mixed.choices[0] as Choice, 1);
    await waitForEmptyOutbox(page);

    const downFrom = errors.entries.length;
    await server.stop();
    const whileDown = 3;
    for (let index = 1; index <= whileDown; index++) await decide(page, mixed.choices[index] as Choice, index + 1);
    // Recorded on the device and queued, in order: nothing was lost, nothing sent.
    const queued = await outbox(page);
    expect(queued.map((entry) => [entry.kind, entry.body.index])).toEqual([1, 2, 3].map((index) => ['decision', index]));
    await shot(page, 'server-down-still-playing');

    await server.start();
    await waitForEmptyOutbox(page);
    const downTo = errors.entries.length;
    for (let index = whileDown + 1; index < mixed.choices.length; index++) await decide(page, mixed.choices[index] as Choice, index + 1);
    scores.set('ann-outage', await finish(page));
    await waitForEmptyOutbox(page);
    attempts.set('ann-outage', await attemptIdOf(page, 'hosting-outage'));
    const held = await serverAttempt(page, attempts.get('ann-outage') ?? '');
    expect(held.body?.decisions.map((decision) => [decision.index, decision.choice])).toEqual(mixed.choices.map((choice, index) => [index, choice]));
    expect(new Set(held.body?.decisions.map((decision) => decision.id)).size).toBe(mixed.choices.length);

    // The only errors: the sender's requests that found the server down (connection refused), while it was down.
    const refused = errors.allow((entry) => entry.text.includes('net::ERR_CONNECTION_REFUSED') && entry.url.startsWith(`${server.origin}/api/attempts/`), downFrom, downTo);
    expect(refused).toBeGreaterThan(0);
    expect(errors.entries).toEqual([]);
  });

  it('a page the service worker kept for offline play names nobody; the game goes on as the trainee it last knew and asks the server', async () => {
    const { page, errors } = ann;
    await page.goto(server.origin);
    await page.waitForSelector('[data-testid="signed-in"]');
    await page.evaluate(() => navigator.serviceWorker.ready);
    const asked = page.waitForRequest((request) => request.url() === `${server.origin}/team-server.json`);
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the worker').toBe(true);
    expect(JSON.parse((await page.textContent('#team-server')) ?? '{}')).toEqual({ trainee: null, staff: null, retentionDays: null, lrs: null, fresh: false });
    await page.waitForSelector('[data-testid="signed-in"]');
    expect(await page.textContent('[data-testid="signed-in"]')).toBe(`Signed in as ${HOSTILE_NAME} · November intake`);
    await asked;
    expect(errors.entries).toEqual([]);
  });

  it("the manager signs in and reads both trainees' attempts, scored by the server as the debriefs scored them", async () => {
    const signedIn = await expectAnswer(api(server, 'POST', '/api/staff/sign-in', { username: 'marina', password: PASSWORD }), 200, 'manager sign-in');
    managerCookie = signedIn.cookie ?? '';
    const { trainees } = (await expectAnswer(api(server, 'GET', `/api/cohorts/${cohort.id}/trainees`, undefined, managerCookie), 200, 'cohort trainees')).body as {
      trainees: { name: string; attempts: { id: string; outcome: string; score: { overall: number; skills: Record<string, number> } | null }[] }[];
    };
    const byName = new Map(trainees.map((trainee) => [trainee.name, trainee]));
    expect([...byName.keys()].sort()).toEqual([HOSTILE_NAME, 'Борис'].sort());
    const check = (name: string, key: string) => {
      const attempt = byName.get(name)?.attempts.find((each) => each.id === attempts.get(key));
      const shown = scores.get(key) ?? {};
      expect(attempt?.score?.overall, `${key} overall`).toBe(shown.overall);
      for (const skill of SKILLS) expect(attempt?.score?.skills[skill], `${key} ${skill}`).toBe(shown[skill]);
    };
    check(HOSTILE_NAME, 'ann');
    check(HOSTILE_NAME, 'ann-outage');
    check('Борис', 'boris');
    expect(byName.get('Борис')?.attempts).toHaveLength(1);
  });

  it("a trainee cannot read the other's attempt: the server answers 404, as for one that does not exist", async () => {
    const { page, errors } = boris;
    expect((await serverAttempt(page, attempts.get('ann') ?? '')).status).toBe(404);
    expect((await serverAttempt(page, attempts.get('boris') ?? '')).status).toBe(200);
    expect(errors.allow((entry) => entry.url === `${server.origin}/api/attempts/${attempts.get('ann')}` && entry.text.includes('404'))).toBe(1);
    await page.goto(server.origin);
    await page.waitForSelector('[data-testid="signed-in"]');
    await page.click('[data-language="ru"]');
    await page.waitForSelector('text=Вы вошли как Борис · November intake');
    expect(await axeViolations(page, '#ui')).toEqual([]);
    await shot(page, 'signed-in-ru-desktop');
    expect(errors.entries).toEqual([]);

    const phone = await boris.context.newPage();
    const phoneErrors = watchErrors(phone);
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(server.origin);
    await phone.waitForSelector('text=Вы вошли как Борис · November intake');
    expect(await axeViolations(phone, '#ui')).toEqual([]);
    await shot(phone, 'signed-in-ru-phone');
    expect(phoneErrors.entries).toEqual([]);
    expect(ann.errors.entries).toEqual([]);
  });
});

describe("a trainee's account", () => {
  it('continues on another device with a one-time code, and deletes everything from the server, keeping what is on the device', async () => {
    const phone = await openTrainee(`/?join=${cohort.joinCode}`, { width: 360, height: 740 });
    await phone.page.fill('#team-name', 'Carla');
    await phone.page.click('[data-team="join"]');
    await phone.page.click('[data-team="continue-elsewhere"]');
    const code = (await phone.page.textContent('[data-testid="continue-code"]')) ?? '';
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(await axeViolations(phone.page)).toEqual([]);
    await shot(phone.page, 'continue-code-en-phone');

    const laptop = await openTrainee('/');
    await laptop.page.click('[data-team="have-code"]');
    await laptop.page.fill('#continue-code', code.toLowerCase().replace('-', ''));
    await laptop.page.press('#continue-code', 'Enter');
    await laptop.page.waitForSelector('text=Signed in as Carla · November intake');
    // Playing here reaches the same trainee on the server.
    const mixed = plan('late-return', 'mixed');
    await laptop.page.click('.card[data-scenario="late-return"]');
    await decide(laptop.page, mixed.choices[0] as Choice, 1);
    await waitForEmptyOutbox(laptop.page);
    const mine = await laptop.page.evaluate(async () => (await (await fetch('/api/me/attempts')).json()) as { attempts: { scenario: string; decisionCount: number }[] });
    expect(mine.attempts.map((attempt) => [attempt.scenario, attempt.decisionCount])).toEqual([['late-return', 1]]);

    // Deleting asks first, saying what goes and what stays.
    await laptop.page.goto(server.origin);
    await laptop.page.click('[data-team="delete"]');
    expect(await laptop.page.textContent('.confirm-delete')).toContain('The records on this device stay');
    expect(await axeViolations(laptop.page)).toEqual([]);
    await shot(laptop.page, 'delete-confirm-en-desktop');
    await laptop.page.click('[data-team="delete-yes"]');
    await laptop.page.waitForSelector('text=Your data is deleted from the team server');
    expect(await laptop.page.locator('[data-testid="signed-in"]').count()).toBe(0);
    const { trainees } = (await expectAnswer(api(server, 'GET', `/api/cohorts/${cohort.id}/trainees`, undefined, managerCookie), 200, 'cohort trainees')).body as { trainees: { name: string }[] };
    expect(trainees.map((trainee) => trainee.name)).not.toContain('Carla');
    expect((await readRows(laptop.page, 'attempts')).map((row) => row.scenario)).toEqual(['late-return']);

    // The phone still thinks it is Carla: what it plays now is refused (401), kept on the phone, and the trainee is told.
    await phone.page.click('.card[data-scenario="late-return"]');
    await decide(phone.page, mixed.choices[0] as Choice, 1);
    await phone.page.waitForSelector('text=the team server no longer knows this device');
    await shot(phone.page, 'sync-signed-out-en-phone');
    expect((await outbox(phone.page)).map((entry) => entry.kind)).toEqual(['attempt', 'decision']);
    // Nobody is signed in on the phone now, even on a page the service worker kept.
    expect(await phone.page.evaluate(() => localStorage.getItem('hold-the-line.team-trainee'))).toBeNull();
    expect(phone.errors.allow((entry) => entry.url === `${server.origin}/api/attempts` && entry.text.includes('401'))).toBe(1);
    expect(phone.errors.entries).toEqual([]);
    expect(laptop.errors.entries).toEqual([]);
    await Promise.all([phone.context.close(), laptop.context.close()]);
  });

  it('keeps the typed name when joining finds the server down, and joins once it is back', async () => {
    const dora = await openTrainee(`/?join=${cohort.joinCode}`);
    await dora.page.fill('#team-name', 'Дора');
    await server.stop();
    await dora.page.click('[data-team="join"]');
    await dora.page.waitForSelector('text=The team server did not answer');
    expect(await dora.page.inputValue('#team-name')).toBe('Дора');
    await server.start();
    await dora.page.click('[data-team="join"]');
    await dora.page.waitForSelector('text=Signed in as Дора · November intake');
    expect(dora.errors.allow((entry) => entry.url === `${server.origin}/api/trainees` && entry.text.includes('net::ERR_CONNECTION_REFUSED'))).toBe(1);
    expect(dora.errors.entries).toEqual([]);
    await dora.context.close();
  });
});

describe('the game on its own (no team server)', () => {
  it('makes no request to a team server at all', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(inject('baseUrl'));
    await page.click('.card[data-scenario="late-return"]');
    await decide(page, plan('late-return', 'mixed').choices[0] as Choice, 1);
    await page.waitForTimeout(1000);
    expect(await page.locator('[data-testid="team"]').count()).toBe(0);
    expect(requested.filter((path) => path.startsWith('/api') || path.endsWith('team-server.json'))).toEqual([]);
    expect((await readRows(page, 'outbox')).length).toBe(0);
    expect(errors.entries).toEqual([]);
    await context.close();
  });
});
