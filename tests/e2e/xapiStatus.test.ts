import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LrsStatus } from '../../src/index.ts';
import { startLrs, type Lrs } from '../server/lrs.ts';
import { waitFor, xapiConfigFor } from '../server/lrsDelivery.ts';
import { launchChromium, watchForErrors } from './harness.ts';
import { checkScreen, pageAt, personIn, submitCredentials, text } from './staffPage.ts';
import { startTeamServer, traineeJoinsAndPlays, type ConsoleWatch, type TeamServer } from './staffSupport.ts';

/**
 * The admin's view of xAPI delivery on the staff page's settings screen, against a team server
 * whose LRS (the real one the server tests use) refuses its credentials: the warning, the counts,
 * never the password; axe and screenshots in both languages and at phone width.
 */

const SECRET = 'not-the-lrs-password-71d2';
let lrs: Lrs;
let server: TeamServer;
let browser: Browser;
/** The cohort the admin makes in the first test; the second opens its join screen. */
let cohortJoinCode: string | undefined;

beforeAll(async () => {
  lrs = await startLrs();
  server = await startTeamServer({ perUsername: 10, perIp: 50, windowSeconds: 600 }, { xapi: xapiConfigFor(lrs, { password: SECRET }) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await lrs?.close();
});

it('tells the admin that the LRS refused the credentials, with what waits, and never shows the password', async () => {
  const watches: ConsoleWatch[] = [];
  const { page, watch } = await pageAt(await personIn(browser, server.url), `${server.url}/staff.html#setup=${server.setupToken}`, watches);
  await page.waitForSelector('staff-credentials form');
  await submitCredentials(page, { username: 'admin', password: 'a long admin password', repeat: 'a long admin password' });
  await page.waitForSelector('staff-cohorts h1');

  // A trainee plays, so there is something to send; the LRS refuses the server's credentials.
  const { joinCode } = await page.evaluate(async () => (await fetch('/api/cohorts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'xAPI' }) })).json());
  cohortJoinCode = joinCode;
  await traineeJoinsAndPlays(server.url, joinCode, 'Dana');
  const readStatus = () => page.evaluate(async () => (await fetch('/api/staff/lrs-status')).json() as Promise<LrsStatus>);
  const status = await waitFor('the server to stop sending', readStatus, (current) => current.halted !== null);

  await page.click('nav a[href="#settings"]');
  await page.waitForSelector('staff-lrs-status .lrs-halted');
  expect(await text(page, 'staff-lrs-status .lrs-halted')).toMatch(/^The LRS refused the team server's credentials \(HTTP 401\) on .+\. Nothing is sent until/);
  expect(await text(page, 'staff-lrs-status .lrs-endpoint')).toBe(`Each attempt's start, decisions and result are sent to ${lrs.endpoint}.`);
  expect(await page.locator('staff-lrs-status dd').first().innerText()).toBe(String(status.pending));
  expect(await page.content()).not.toContain(SECRET);
  await checkScreen(page, 'settings-lrs-halted');
  watch.check();
});

it('says on both privacy notices, the join screen and the staff page, that results go on to the department LRS without names', async () => {
  const watches: ConsoleWatch[] = [];
  const context = await personIn(browser, server.url);
  const { page, watch } = await pageAt(context, `${server.url}/staff.html#privacy`, watches);
  await page.waitForFunction(() => document.querySelector('staff-privacy')?.textContent?.includes('learning record system'));
  expect(await text(page, 'staff-privacy')).toContain('under a number that stands for the trainee, never their name');
  expect(await text(page, 'staff-privacy')).not.toContain('nothing kept here is sent anywhere else');

  // The join screen of the cohort the admin made in the test before.
  if (!cohortJoinCode) throw new Error('the first test made no cohort');
  const game = await context.newPage();
  const gameErrors = watchForErrors(game);
  await game.goto(`${server.url}/?join=${cohortJoinCode}`);
  await game.waitForSelector('[data-testid="privacy"]');
  expect(await game.textContent('[data-testid="privacy"]')).toContain('passes your results on to its learning record system');
  expect(await game.textContent('[data-testid="privacy"]')).toContain('not your name');
  await game.close();
  expect(gameErrors).toEqual([]);
  watch.check();
});
