import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../server/library.ts';
import { choiceKey, scoreChoices, SKILLS, type Choice, type ExportResponse, type ScoreReport } from '../../src/index.ts';
import { checkView, downloaded, pageWidth, printedPages, ready, setLanguage } from './dashboardSupport.ts';
import { axeViolations, launchChromium } from './harness.ts';
import { plannedPlays } from './plans.ts';
import { ConsoleWatch, traineeJoins } from './staffSupport.ts';
import { api, expectAnswer, startTeamServer, type TeamServer } from './teamServer.ts';

/**
 * Issue 12's "Done when", in real Chromium against the real team server (PGlite): two trainees
 * play, the manager signs in and sees both with the engine's scores, sorts and filters (in the
 * address, back button included), exports CSV and JSON, opens a trainee (keyboard only), writes a
 * coaching note the trainee then reads, and opens a scenario's heat map; a trainee named like a
 * formula and markup is plain text in the page, the CSV and the print view.
 */
const PASSWORD = 'a long enough password';
const HOSTILE = '=HYPERLINK("x")<img src=x onerror=alert(1)>';
const version = loadLibrary()[0];
if (!version) throw new Error('no scenario in the library');
const { scenario } = version;
const worst = plannedPlays('worst').find((play) => play.scenario.id === scenario.id);
if (!worst) throw new Error(`no worst plan for ${scenario.id}`);

let browser: Browser;
let server: TeamServer;
let joinCode = '';
let adminCookie = '';
const plays = new Map<string, { cookie: string; choices: Choice[]; report: ScoreReport }>();

/** A trainee joins and plays `choices` through the API, as the game's outbox sends them; the engine scores the same choices here. */
async function joinAndPlay(name: string, choices: readonly Choice[]): Promise<void> {
  const cookie = await traineeJoins(server.origin, joinCode, name);
  const attempt = crypto.randomUUID();
  await expectAnswer(api(server, 'POST', '/api/attempts', { id: attempt, scenario: scenario.id, scenarioHash: version?.hash, seed: 7, language: 'en', startedAt: Date.now() }, cookie), 201, 'attempt');
  for (const [index, choice] of choices.entries()) {
    await expectAnswer(api(server, 'POST', `/api/attempts/${attempt}/decisions`, { index, id: crypto.randomUUID(), choice, at: Date.now() }, cookie), 201, `decision ${index}`);
  }
  const scored = scoreChoices(scenario, choices);
  if (!scored.ok) throw new Error(scored.error);
  plays.set(name, { cookie, choices: [...choices], report: scored.report });
}

/** The expert's first reply each time: a different path from the worst plan's. */
function expertChoices(): Choice[] {
  const best = plannedPlays('best').find((play) => play.scenario.id === scenario.id);
  if (!best) throw new Error(`no best plan for ${scenario.id}`);
  return best.choices;
}

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startTeamServer()]);
  const admin = await expectAnswer(api(server, 'POST', '/api/setup', { token: server.setupToken, username: 'admin', password: PASSWORD }), 201, 'first admin');
  adminCookie = admin.cookie ?? '';
  const created = await expectAnswer(api(server, 'POST', '/api/staff/accounts', { username: 'marina', role: 'manager' }, admin.cookie), 201, 'manager account');
  const token = new URL((created.body as { link: string }).link).hash.replace('#reset=', '');
  const manager = await expectAnswer(api(server, 'POST', '/api/staff/password', { token, password: PASSWORD }), 200, 'manager password');
  joinCode = ((await expectAnswer(api(server, 'POST', '/api/cohorts', { name: 'November intake' }, manager.cookie), 201, 'cohort')).body as { joinCode: string }).joinCode;
  await joinAndPlay(HOSTILE, expertChoices());
  await joinAndPlay('Boris', worst.choices);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the manager\'s results page on the team server', () => {
  let context: BrowserContext;
  let page: Page;
  let watch: ConsoleWatch;
  const rowOf = (name: string) => page.locator('[data-testid="cohort-grid"] tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) });

  afterAll(async () => {
    watch?.check();
    await context?.close();
  });

  it('sends a manager who is not signed in to the staff sign-in and back to the view they asked for', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page = await context.newPage();
    watch = new ConsoleWatch(page);
    page.on('dialog', (dialog) => {
      throw new Error(`a script opened a ${dialog.type()} dialog: ${dialog.message()}`);
    });
    await page.goto(`${server.origin}/dashboard.html?view=cohort&sort=overall`);
    await page.waitForURL(/staff\.html\?next=/);
    await page.waitForSelector('staff-credentials form');
    await page.fill('#username', 'marina');
    await page.fill('#password', PASSWORD);
    await page.click('staff-credentials button[type="submit"]');
    await page.waitForURL(/dashboard\.html\?view=cohort&sort=overall$/);
    await ready(page);
    expect(await page.textContent('h1')).toBe('Results');
  });

  it('shows both trainees with the engine\'s scores, the hostile name as text, sorted by the column asked for', async () => {
    for (const [name, { report }] of plays) {
      const row = rowOf(name);
      expect(await row.count(), name).toBe(1);
      expect(await row.locator('[data-testid="row-overall"]').textContent()).toBe(String(report.overall));
      expect(await row.locator('td[data-skill]').allTextContents()).toEqual(SKILLS.map((skill) => String(report.skills[skill])));
      const cell = row.locator(`td[data-scenario="${scenario.id}"]`);
      expect(await cell.locator('[data-testid="cell-best"]').textContent()).toBe(String(report.overall));
      expect(await cell.textContent()).toContain('1 attempt');
    }
    expect(await page.locator('img').count(), 'the name is never markup').toBe(0);
    expect(await page.getByRole('link', { name: HOSTILE, exact: true }).count()).toBe(1);
    // Sorted by overall, ascending: the lower score first.
    const ordered = [...plays.entries()].sort((a, b) => a[1].report.overall - b[1].report.overall).map(([name]) => name);
    expect(await page.locator('[data-testid="trainee-link"]').allTextContents()).toEqual(ordered);
    await page.click('button[data-sort="overall"]');
    await page.waitForURL(/dir=desc/);
    expect(await page.locator('[data-testid="trainee-link"]').allTextContents()).toEqual([...ordered].reverse());
    expect(await page.getAttribute('th:has(button[data-sort="overall"])', 'aria-sort')).toBe('descending');
    await page.goBack();
    await page.waitForFunction(() => !location.search.includes('dir=desc'));
    expect(await page.locator('[data-testid="trainee-link"]').allTextContents()).toEqual(ordered);
  });

  it('filters by date, language, scenario and "needs attention", each in the address, and the back button undoes them', async () => {
    // From the day after tomorrow: no attempt counts, every trainee is still listed.
    await page.fill('#f-from', new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10));
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}/);
    await ready(page);
    expect(await page.locator('[data-testid="row-overall"]').allTextContents()).toEqual(['—', '—']);
    await page.goBack();
    await ready(page);
    await page.waitForSelector('[data-testid="cell-best"]');

    await page.selectOption('#f-language', 'ru');
    await page.waitForURL(/language=ru/);
    await ready(page);
    expect(await page.locator('[data-testid="cohort-grid"] tbody tr').count(), 'trainees without matching attempts stay, not started').toBe(2);
    expect(await page.locator('[data-testid="row-overall"]').allTextContents()).toEqual(['—', '—']);
    expect(await page.locator(`td[data-scenario="${scenario.id}"] .not-started`).count()).toBe(2);
    await page.goBack();
    await ready(page);
    await page.waitForSelector('[data-testid="cell-best"]');
    expect(await page.$eval('#f-language', (select) => (select as HTMLSelectElement).value)).toBe('');

    await page.selectOption('#f-scenario', scenario.id);
    await page.waitForURL(new RegExp(`scenario=${scenario.id}`));
    await ready(page);
    expect(await page.locator('th.scenario-column').count(), 'one scenario column').toBe(1);

    // Needs attention: a skill below the manager's threshold. With 0 nobody is; with 100 whoever is not perfect.
    await page.check('#f-attention');
    await page.fill('#f-below', '0');
    await page.press('#f-below', 'Tab');
    await page.waitForURL(/below=0/);
    await page.waitForSelector('[data-testid="no-trainees"]');
    await page.fill('#f-below', '100');
    await page.press('#f-below', 'Tab');
    await page.waitForURL(/below=100/);
    const expected = [...plays].filter(([, { report }]) => SKILLS.some((skill) => report.skills[skill] < 100)).map(([name]) => name).sort();
    expect((await page.locator('[data-testid="trainee-link"]').allTextContents()).sort()).toEqual(expected);
    expect(await page.locator('[data-testid="attention"]').first().textContent()).toContain('below 100');
    await checkView(page, 'cohort');
    await page.click('[data-testid="clear-filters"]');
    await ready(page);
    expect(await page.locator('[data-testid="cohort-grid"] tbody tr').count()).toBe(2);
  });

  it('exports attempts and decisions as CSV with the formula neutralised, and everything as JSON', async () => {
    const attempts = await downloaded(page, '[data-export="attemptsCsv"]');
    expect(attempts.name).toMatch(/^attempts-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = Papa.parse<Record<string, string>>(attempts.text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((row) => row.trainee).sort()).toEqual(['Boris', `'${HOSTILE}`].sort());
    for (const row of rows) expect(row.overall).toBe(String(plays.get(row.trainee === 'Boris' ? 'Boris' : HOSTILE)?.report.overall));
    expect(attempts.text).not.toMatch(/(^|[,\r\n])"?=HYPERLINK/);

    const decisions = await downloaded(page, '[data-export="decisionsCsv"]');
    const decisionRows = Papa.parse<Record<string, string>>(decisions.text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(decisionRows.length).toBe([...plays.values()].reduce((sum, play) => sum + play.choices.length, 0));
    expect(new Set(decisionRows.map((row) => row.trainee))).toEqual(new Set(['Boris', `'${HOSTILE}`]));

    const json = JSON.parse((await downloaded(page, '[data-export="json"]')).text) as ExportResponse;
    expect(json.attempts.map((attempt) => attempt.trainee).sort()).toEqual(['Boris', HOSTILE].sort());
  });

  it('opens a trainee by keyboard alone: their report, decision log and a coaching note, one printed page, harmless in print', async () => {
    const link = page.getByRole('link', { name: HOSTILE, exact: true });
    for (let presses = 0; presses < 120 && !(await link.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
    expect(await link.evaluate((element) => element === document.activeElement), 'the trainee\'s link is reached by Tab').toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/view=trainee/);
    await ready(page);
    expect(await page.textContent('h1')).toBe(HOSTILE);
    const play = plays.get(HOSTILE);
    expect(await page.textContent('[data-testid="summary-overall"]')).toBe(String(play?.report.overall));
    const log = page.locator('[data-testid="decision-log"] details').first();
    await log.locator('summary').click();
    expect(await log.locator('tbody tr').count()).toBe(play?.choices.length);

    const note = 'Practise P1 <b>before</b> Friday =1+1';
    await page.fill('#note', note);
    await page.click('.note-form button[type="submit"]');
    await page.waitForSelector('[data-testid="notes"] li');
    expect(await page.textContent('[data-testid="notes"] .note-text')).toBe(note);
    expect(await page.locator('b').count()).toBe(0);

    await checkView(page, 'trainee');
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('h1').innerText()).toBe(HOSTILE);
      expect(await printedPages(page), 'the trainee report is one A4 page').toBe(1);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('shows the trainee the note on their own page, and the manager can delete it', async () => {
    const trainee = await browser.newContext();
    const [name, value] = (plays.get(HOSTILE)?.cookie ?? '').split('=') as [string, string];
    await trainee.addCookies([{ name, value, url: server.origin }]);
    const own = await trainee.newPage();
    const ownWatch = new ConsoleWatch(own);
    await own.goto(`${server.origin}/dashboard.html`);
    await own.waitForSelector('[data-testid="notes"] li');
    expect(await own.textContent('[data-testid="notes"] .note-text')).toContain('Practise P1');
    expect(await own.locator('.note-form').count(), 'the trainee only reads').toBe(0);
    expect(await axeViolations(own)).toEqual([]);
    ownWatch.check();
    await trainee.close();

    await page.click('[data-testid="notes"] button.danger');
    await page.waitForSelector('[data-testid="no-notes"]');
    expect(await page.textContent('.notes-section [role="status"]')).toBe('Note deleted.');
  });

  it('opens the scenario\'s heat map: each reply labelled with the engine\'s count of trainees who chose it, and the same counts as a table', async () => {
    await page.click('[data-testid="to-cohort"]');
    await ready(page);
    await page.selectOption('#f-scenario', scenario.id);
    await page.click('[data-testid="open-scenario"]');
    await page.waitForURL(/view=scenario/);
    await ready(page);
    const chose = new Map<string, Set<string>>();
    for (const [name, { choices, report }] of plays) {
      for (const review of report.decisions) {
        const key = `${review.node}>${choiceKey(review.choice)}`;
        chose.set(key, (chose.get(key) ?? new Set()).add(name));
      }
      expect(choices.length).toBe(report.decisions.length);
    }
    const edges = await page.locator('g.edge').evaluateAll((groups) => groups.map((group) => ({ key: `${(group as SVGElement).dataset.node}>${(group as SVGElement).dataset.reply}`, trainees: Number((group as SVGElement).dataset.trainees), label: group.querySelector('text')?.textContent })));
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      const expected = chose.get(edge.key)?.size ?? 0;
      expect(edge.trainees, edge.key).toBe(expected);
      expect(edge.label, edge.key).toBe(String(expected));
    }
    const moves = await page.locator('[data-testid="moves"] tbody tr').evaluateAll((rows) => rows.map((row) => `${(row as HTMLElement).dataset.node}>${(row as HTMLElement).dataset.choice}=${row.querySelector('[data-testid="move-trainees"]')?.textContent}`));
    expect(moves.sort()).toEqual([...chose].map(([key, who]) => `${key}=${who.size}`).sort());
    expect(await page.textContent('[data-testid="scenario-facts"]')).toContain('2 attempts by 2 trainees');
    expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
    await checkView(page, 'scenario');
    await setLanguage(page, 'en');
  });

  it('tells a trainer, whose role sees no results, so instead of showing an empty grid', async () => {
    const created = await expectAnswer(api(server, 'POST', '/api/staff/accounts', { username: 'tom', role: 'trainer' }, adminCookie), 201, 'trainer account');
    const token = new URL((created.body as { link: string }).link).hash.replace('#reset=', '');
    const trainer = await expectAnswer(api(server, 'POST', '/api/staff/password', { token, password: PASSWORD }), 200, 'trainer password');
    const own = await browser.newContext();
    const [name, value] = (trainer.cookie ?? '').split('=') as [string, string];
    await own.addCookies([{ name, value, url: server.origin }]);
    const tom = await own.newPage();
    const tomWatch = new ConsoleWatch(tom);
    tomWatch.expect('/api/dashboard/cohort', 403);
    tomWatch.expect('/api/cohorts', 403);
    await tom.goto(`${server.origin}/dashboard.html`);
    await tom.waitForSelector('[data-testid="notices"][data-state="error"]');
    expect(await tom.textContent('[data-testid="notices"]')).toContain('Your staff role cannot see trainees\' results.');
    expect(await axeViolations(tom)).toEqual([]);
    tomWatch.check();
    await own.close();
  });
});
