import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, launchChromium } from './harness.ts';
import { checkScreen, messageOf, pageAt, personIn, setLanguage, shot, submitCredentials, text } from './staffPage.ts';
import { ConsoleWatch, startTeamServer, traineeJoins, traineeJoinsAndPlays, type TeamServer } from './staffSupport.ts';

/**
 * The staff page against the real team server (PGlite in a temporary folder, serving the build):
 * first admin from the one-time link, a manager's account and password link, cohorts, trainees
 * with the server's scores, removal, and every failure's message; axe and screenshots in English
 * and Russian, desktop and a 360-px phone.
 */

const LIMITS = { perUsername: 3, perIp: 50, windowSeconds: 600 };
const ADMIN = { username: 'admin', password: 'a long admin password' };
const MANAGER = { username: 'marina', password: 'marina’s own password' };
const HOSTILE = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","click")';

let server: TeamServer;
let browser: Browser;
const watches: ConsoleWatch[] = [];

beforeAll(async () => {
  server = await startTeamServer(LIMITS);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const newPerson = () => personIn(browser, server.url);
const openPage = (context: BrowserContext, path: string) => pageAt(context, `${server.url}${path}`, watches);

describe('the staff page without a team server', () => {
  it('says that no team server answers, instead of failing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = new ConsoleWatch(page);
    // The build served by a plain static server (vite preview), as an LMS package would be.
    await page.goto(`${inject('baseUrl')}staff.html`);
    await page.waitForSelector('main h1');
    expect(await text(page, 'main h1')).toBe('The staff pages cannot start');
    expect(await text(page, '.page-notice .message.error')).toContain('No team server answers at this address.');
    watch.check();
    await context.close();
  });
});

describe('the staff page', () => {
  let admin: Page;
  let adminWatch: ConsoleWatch;
  let manager: Page;
  let managerWatch: ConsoleWatch;
  let managerLink = '';
  let joinCode = '';

  afterAll(() => {
    for (const watch of watches) watch.check();
  });

  it('creates the first admin from the one-time link, which then leaves the address bar; a wrong link is refused', async () => {
    const person = await newPerson();
    const wrong = await openPage(person, '/staff.html#setup=not-the-printed-token');
    await wrong.page.waitForSelector('staff-credentials form');
    wrong.watch.expect('/api/setup', 422);
    await submitCredentials(wrong.page, { username: ADMIN.username, password: ADMIN.password, repeat: ADMIN.password });
    expect(await messageOf(wrong.page, 'staff-credentials')).toBe('This setup link is no longer valid. Restart the server and open the new link it prints.');
    await wrong.page.close();

    const { page, watch } = await openPage(person, `/staff.html#setup=${server.setupToken}`);
    admin = page;
    adminWatch = watch;
    await page.waitForSelector('staff-credentials form');
    expect(await page.evaluate(() => location.hash), 'the token is gone from the address bar').toBe('');
    expect(await text(page, 'h1')).toBe('Create the first admin account');

    // A short password is refused on the page, on the field, with the rule.
    await page.fill('#username', ADMIN.username);
    await page.fill('#password', 'short');
    await page.fill('#repeat', 'short');
    await page.click('button[type="submit"]');
    expect(await messageOf(page, 'staff-credentials')).toBe('The password needs at least 10 characters.');
    expect(await page.getAttribute('#password', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await checkScreen(page, 'setup');
    // The language chosen here is the game's language too: the same preference, kept with the game's others.
    await page.evaluate(() => localStorage.setItem('hold-the-line.preferences.v1', JSON.stringify({ language: 'en', traineeName: 'Олег', muted: true })));
    await setLanguage(page, 'ru');
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('hold-the-line.preferences.v1'))) ?? '{}')).toMatchObject({ language: 'ru', traineeName: 'Олег', muted: true });
    await setLanguage(page, 'en');

    await page.fill('#password', ADMIN.password);
    await page.fill('#repeat', ADMIN.password);
    await page.press('#repeat', 'Enter');
    await page.waitForSelector('staff-cohorts h1');
    expect(await text(page, '.page-notice .message.success')).toBe('Signed in as admin.');
    expect(await page.locator('nav a').allInnerTexts()).toEqual(['Cohorts', 'Staff accounts', 'Settings', 'Privacy notice']);
    expect(await text(page, 'staff-cohorts h2:not(:first-child)'), 'an admin sees every cohort').toBe('All cohorts');

    // The link was used up: opened again, it says so.
    await page.goto(`${server.url}/staff.html#setup=${server.setupToken}`);
    await page.waitForSelector('.page-notice .message.error:not(:empty)');
    expect(await text(page, '.page-notice .message.error')).toContain('already exists');
    expect(await page.evaluate(() => location.hash)).toBe('');
    await page.waitForSelector('staff-cohorts h1');
  });

  it('lets the admin create a manager with a one-time set-password link, copy it, and refuses a taken or malformed name', async () => {
    const page = admin;
    await page.click('nav a[href="#accounts"]');
    await page.waitForSelector('staff-accounts table');
    await page.fill('#new-username', 'a b');
    await page.click('staff-accounts button[type="submit"]');
    expect(await messageOf(page, 'staff-accounts form')).toContain('3 to 64 characters');

    await page.fill('#new-username', MANAGER.username);
    await page.selectOption('#new-role', 'manager');
    await page.click('staff-accounts button[type="submit"]');
    await page.waitForSelector('.issued');
    managerLink = await page.inputValue('.issued input');
    expect(managerLink).toMatch(new RegExp(`^${server.url}/staff\\.html#reset=[A-Za-z0-9_-]{20,}$`));
    expect(await page.evaluate(() => document.activeElement?.id), 'focus moves to the link').toBe('issued-link');
    await page.click('.issued button');
    await page.waitForFunction(() => document.querySelector('.issued .copy-status')?.textContent === 'Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(managerLink);
    expect(await page.locator('staff-accounts tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^admin \(you\)\s+admin\s+Active/), expect.stringMatching(/^marina\s+manager\s+Active/)]);

    adminWatch.expect('/api/staff/accounts', 409);
    await page.fill('#new-username', 'MARINA');
    await page.click('staff-accounts button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('staff-accounts form .message.error')?.textContent !== '');
    expect(await messageOf(page, 'staff-accounts form')).toBe('This username is taken. Choose another.');
    await checkScreen(page, 'accounts');
  });

  it('lets the admin set the retention period, which the privacy notice then states', async () => {
    const page = admin;
    await page.click('nav a[href="#settings"]');
    await page.waitForSelector('#keep-limited');
    await page.check('#keep-limited');
    await page.fill('#retention-days', '20');
    await page.click('staff-settings button[type="submit"]');
    expect(await messageOf(page, 'staff-settings')).toBe('Enter a whole number of days from 30 to 3650.');
    await page.fill('#retention-days', '90');
    await page.click('staff-settings button[type="submit"]');
    await page.waitForSelector('staff-settings .message.success:not(:empty)');
    expect(await text(page, 'staff-settings .message.success')).toBe('Saved: records are kept for 90 days.');
    expect(await (await fetch(`${server.url}/api/privacy`)).json()).toEqual({ retentionDays: 90, lrs: null });
    await checkScreen(page, 'settings');

    await page.click('nav a[href="#privacy"]');
    await page.waitForSelector('staff-privacy h2');
    await page.waitForFunction(() => document.querySelector('staff-privacy')?.textContent?.includes('90 days'));
    await checkScreen(page, 'privacy');
  });

  it('lets the manager set a password from the link in another browser, and refuses the spent link', async () => {
    const path = managerLink.slice(server.url.length);
    const context = await newPerson();
    const { page, watch } = await openPage(context, path);
    manager = page;
    managerWatch = watch;
    await page.waitForSelector('staff-credentials form');
    expect(await page.evaluate(() => location.hash), 'the token is gone from the address bar').toBe('');
    expect(await text(page, 'h1')).toBe('Set your password');
    await page.fill('#password', 'x'.repeat(201));
    await page.fill('#repeat', 'x'.repeat(201));
    await page.click('staff-credentials button[type="submit"]');
    expect(await messageOf(page, 'staff-credentials'), 'a pasted password too long is named, not cut').toBe('The password can have at most 200 characters.');
    await page.fill('#password', 'one long password');
    await page.fill('#repeat', 'another long one');
    await page.click('staff-credentials button[type="submit"]');
    expect(await messageOf(page, 'staff-credentials')).toBe('The two passwords are not the same. Type them again.');
    await checkScreen(page, 'reset');
    await submitCredentials(page, { password: MANAGER.password, repeat: MANAGER.password });
    await page.waitForSelector('staff-cohorts h1');
    expect(await text(page, '.page-notice .message.success')).toBe('Signed in as marina.');
    expect(await page.locator('nav a').allInnerTexts()).toEqual(['Cohorts', 'Privacy notice']);

    const spent = await openPage(context, path);
    await spent.page.waitForSelector('staff-credentials form');
    spent.watch.expect('/api/staff/password', 422);
    await submitCredentials(spent.page, { password: 'yet another password', repeat: 'yet another password' });
    expect(await messageOf(spent.page, 'staff-credentials')).toBe('This link has expired or has already been used. Ask an admin for a new one.');
    await spent.page.close();
  });

  it('signs out, says the same thing for a wrong password and an unknown name, limits guessing, and says when the server is down', async () => {
    const page = manager;
    await page.click('nav button');
    await page.waitForSelector('staff-credentials form');
    expect(await text(page, '.page-notice .message.success')).toBe('You are signed out.');

    managerWatch.expect('/api/staff/sign-in', 401);
    await submitCredentials(page, { username: MANAGER.username, password: 'not her password' });
    const wrongPassword = await messageOf(page, 'staff-credentials');
    managerWatch.expect('/api/staff/sign-in', 401);
    await submitCredentials(page, { username: 'nobody-here', password: 'not her password' });
    expect(wrongPassword).toBe('Wrong username or password.');
    expect(await messageOf(page, 'staff-credentials'), 'an unknown name reads exactly like a wrong password').toBe(wrongPassword);
    expect(await page.inputValue('#password'), 'the password is cleared for the next try').toBe('');
    await checkScreen(page, 'sign-in');

    for (let failure = 0; failure < LIMITS.perUsername; failure++) {
      managerWatch.expect('/api/staff/sign-in', 401);
      await submitCredentials(page, { username: 'ghost', password: `guess number ${failure}` });
    }
    managerWatch.expect('/api/staff/sign-in', 429);
    await submitCredentials(page, { username: 'ghost', password: 'one guess too many' });
    expect(await messageOf(page, 'staff-credentials')).toBe(`Too many attempts. Try again in ${LIMITS.windowSeconds / 60} minutes.`);

    await page.route('**/api/staff/sign-in', (route) => route.abort('connectionrefused'));
    managerWatch.expect('/api/staff/sign-in', 'ERR_CONNECTION_REFUSED');
    await submitCredentials(page, { username: MANAGER.username, password: MANAGER.password });
    expect(await messageOf(page, 'staff-credentials')).toContain('The server cannot be reached.');
    await page.unroute('**/api/staff/sign-in');

    // The server down when the page opens: it says so and offers to try again, which works once the server answers.
    await page.route('**/api/setup', (route) => route.abort('connectionrefused'));
    managerWatch.expect('/api/setup', 'ERR_CONNECTION_REFUSED');
    await page.reload();
    await page.waitForSelector('main h1');
    expect(await text(page, 'main h1')).toBe('The staff pages cannot start');
    expect(await text(page, '.page-notice .message.error')).toContain('The server cannot be reached.');
    await page.unroute('**/api/setup');
    // Trying again is a second start in the same page: its data is from before, so it asks who is signed in (nobody: 401).
    managerWatch.expect('/api/staff/me', 401);
    await page.click('main button');
    await page.waitForSelector('staff-credentials form');
  });

  it('signs the manager in by keyboard alone, with visible focus, and creates the cohort "November intake" with its join link and code', async () => {
    const page = manager;
    await page.goto(`${server.url}/staff.html`);
    await page.waitForSelector('staff-credentials form');
    for (let presses = 0; presses < 15 && (await page.evaluate(() => document.activeElement?.id)) !== 'username'; presses++) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle), 'focus is visible').not.toBe('none');
    await page.keyboard.type(MANAGER.username);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(MANAGER.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('staff-cohorts h1');
    expect(await text(page, 'staff-cohorts')).toContain('No cohorts yet');

    await page.click('staff-cohorts button[type="submit"]');
    expect(await messageOf(page, 'staff-cohorts form')).toBe('Enter a name for the cohort.');
    await page.fill('#cohort-name', 'November intake');
    await page.press('#cohort-name', 'Enter');
    await page.waitForSelector('section.cohort');
    expect(await text(page, 'section.cohort h3')).toBe('November intake');
    joinCode = await page.inputValue('staff-copy-field.code input');
    expect(joinCode).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(await page.inputValue('staff-copy-field.link input')).toBe(`${server.url}/?join=${joinCode}`);
    await page.click('staff-copy-field.code button');
    await page.waitForFunction(() => document.querySelector('staff-copy-field.code .copy-status')?.textContent === 'Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(joinCode);
    await checkScreen(page, 'cohorts');
  });

  it("shows the cohort's trainees with the server's scores and hostile names as text, and removes one after a confirmation naming them", async () => {
    const page = manager;
    const anna = await traineeJoinsAndPlays(server.url, joinCode, 'Анна Петрова');
    const hostileCookie = await traineeJoins(server.url, joinCode, HOSTILE);
    await traineeJoins(server.url, joinCode, FORMULA);
    await page.reload();
    await page.waitForSelector('section.cohort');
    expect(await text(page, 'section.cohort .meta')).toContain('3 trainees');
    await page.click('section.cohort button[aria-expanded="false"]');
    await page.waitForSelector('staff-trainees tbody tr');
    const row = (name: string) => page.locator('staff-trainees tbody tr', { has: page.locator('th', { hasText: name }) });
    const cells = (name: string) => row(name).locator('td').allInnerTexts();
    const [attempts, , latest, best] = await cells('Анна Петрова');
    expect(attempts).toBe('1');
    expect(latest?.split('\n')).toEqual([String(anna.overall), { resolved: 'Resolved', escalated: 'Escalated properly', customerLost: 'Customer lost', publicComplaint: 'Public complaint', unfinished: 'Not finished' }[anna.outcome]]);
    expect(best).toBe(String(anna.overall));
    expect((await cells(HOSTILE))[0]).toBe('0');
    expect(await page.locator('staff-trainees tbody th').allInnerTexts()).toEqual(['Анна Петрова', HOSTILE, FORMULA]);
    expect(await page.locator('staff-trainees img').count(), 'a name is never markup').toBe(0);
    await checkScreen(page, 'trainees');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'trainees-print', true);
    await page.emulateMedia({ media: 'screen' });

    // The confirmation names the trainee; Esc keeps them, the dialog's own button removes them.
    for (const language of ['en', 'ru'] as const) {
      await setLanguage(page, language);
      await row(HOSTILE).locator('button').click();
      await page.waitForSelector('staff-trainees dialog[open]');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('value')), 'Cancel has focus').toBe('cancel');
      expect(await axeViolations(page), `confirm (${language})`).toEqual([]);
      await shot(page, `confirm-${language}-desktop`);
      await page.setViewportSize({ width: 360, height: 740 });
      await shot(page, `confirm-${language}-phone`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.keyboard.press('Escape');
      await page.waitForSelector('staff-trainees dialog:not([open])', { state: 'hidden' });
    }
    expect(await text(page, 'staff-trainees dialog h2')).toBe(`Удалить стажёра ${HOSTILE}?`);
    await setLanguage(page, 'en');
    expect(await page.locator('staff-trainees tbody tr').count()).toBe(3);
    await row(HOSTILE).locator('button').click();
    await page.waitForSelector('staff-trainees dialog[open]');
    expect(await text(page, 'staff-trainees dialog h2')).toBe(`Remove ${HOSTILE}?`);
    await page.click('staff-trainees dialog button[value="confirm"]');
    await page.waitForFunction(() => document.querySelectorAll('staff-trainees tbody tr').length === 2);
    expect(await text(page, 'staff-trainees .message.success')).toBe(`${HOSTILE} has been removed, with all their records.`);
    expect(await text(page, 'section.cohort .meta')).toContain('2 trainees');
    expect(await page.evaluate(() => document.activeElement?.tagName), 'focus goes to the table, not the top of the page').toBe('CAPTION');
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie: hostileCookie } })).status, 'the trainee is gone from the server').toBe(401);
  });

  it("ends the manager's session when the admin disables the account, and the page says so", async () => {
    await admin.click('nav a[href="#accounts"]');
    await admin.locator('staff-accounts tbody tr', { hasText: MANAGER.username }).locator('button.danger').click();
    await admin.waitForSelector('staff-accounts dialog[open]');
    expect(await text(admin, 'staff-accounts dialog h2')).toBe('Disable marina?');
    await admin.click('staff-accounts dialog button[value="confirm"]');
    await admin.waitForSelector('staff-accounts .message.success:not(:empty)');
    expect(await text(admin, 'staff-accounts .message.success:not(:empty)')).toBe('marina is disabled and signed out everywhere.');

    managerWatch.expect(/^\/api\/cohorts\/[0-9a-f-]+\/trainees$/, 401);
    await manager.click('section.cohort button[aria-expanded="true"]');
    await manager.click('section.cohort button[aria-expanded="false"]');
    await manager.waitForSelector('staff-credentials form');
    expect(await text(manager, '.page-notice .message.error')).toBe('Your session has ended. Sign in again.');
    managerWatch.expect('/api/staff/sign-in', 401);
    await submitCredentials(manager, { username: MANAGER.username, password: MANAGER.password });
    expect(await messageOf(manager, 'staff-credentials')).toBe('Wrong username or password.');
  });

  it('lets the admin issue a new password link, which lets the disabled manager back in with a new password', async () => {
    const marinaRow = admin.locator('staff-accounts tbody tr', { hasText: MANAGER.username });
    expect(await marinaRow.innerText()).toContain('Disabled');
    await marinaRow.locator('button:not(.danger)').click();
    await admin.waitForFunction((old) => (document.querySelector('.issued input') as HTMLInputElement | null)?.value !== old, managerLink);
    const newLink = await admin.inputValue('.issued input');
    expect(newLink).toMatch(new RegExp(`^${server.url}/staff\\.html#reset=`));

    await manager.goto(newLink);
    await manager.waitForSelector('staff-credentials form');
    expect(await text(manager, 'h1')).toBe('Set your password');
    await submitCredentials(manager, { password: 'a brand new password', repeat: 'a brand new password' });
    await manager.waitForSelector('staff-cohorts section.cohort');
    expect(await text(manager, 'section.cohort h3'), 'her cohort stayed').toBe('November intake');
    await admin.reload();
    await admin.waitForSelector('staff-accounts tbody tr');
    expect(await admin.locator('staff-accounts tbody tr', { hasText: MANAGER.username }).innerText()).toContain('Active');
  });
});
