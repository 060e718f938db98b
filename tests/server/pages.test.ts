import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { scriptSafeJson, TEAM_SERVER_ELEMENT, TEAM_SERVER_URL } from '../../server/pages.ts';
import { createCohort, describeEachDatabase, joinCohort, signInStaff } from './harness.ts';

/** A built site in miniature: a game page with an inline script (as index.html has), another page, and an asset. */
function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'htl-pages-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body><script>window.started = 1;</script></body></html>');
  writeFileSync(join(dir, 'progress.html'), '<!doctype html><html><head></head><body></body></html>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'game.js'), 'export {};');
  return dir;
}

/** What a browser sends when the page is opened (not when a service worker fetches it to cache). */
const NAVIGATION = { 'sec-fetch-mode': 'navigate' };

const HOSTILE = '</script><img src=x onerror=alert(1)>&\u00a0<!--';

/** The data block of a served page, as the browser's JSON.parse reads it; and the raw text between the tags. */
function pageData(html: string): { raw: string; data: unknown } {
  const match = new RegExp(`<script type="application/json" id="${TEAM_SERVER_ELEMENT}">([^]*?)</script>`).exec(html);
  if (!match?.[1]) throw new Error(`no ${TEAM_SERVER_ELEMENT} block in ${html}`);
  return { raw: match[1], data: JSON.parse(match[1]) };
}

test('JSON in a script element: nothing that can end the element or start markup, and it reads back unchanged', () => {
  const value = { name: `${HOSTILE}\u2028\u2029` };
  const text = scriptSafeJson(value);
  expect(text).not.toMatch(/[<>&\u2028\u2029]/);
  expect(JSON.parse(text)).toEqual(value);
});

describeEachDatabase(
  'pages say whether a team server serves them and who is signed in',
  (server) => {
    test('a visitor with no session: the block is there, with nobody signed in and the retention period', async () => {
      const { app } = server();
      for (const url of ['/', '/index.html', '/progress.html']) {
        const response = await app.inject({ method: 'GET', url, headers: NAVIGATION });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.headers['cache-control']).toBe('private, no-cache');
        expect(pageData(response.body).data).toEqual({ trainee: null, staff: null, retentionDays: null, lrs: null, fresh: true });
      }
      const admin = await signInStaff(app, 'admin');
      expect((await app.inject({ method: 'PUT', url: '/api/settings/retention', cookies: admin.cookies, payload: { days: 365 } })).statusCode).toBe(200);
      expect(pageData((await app.inject({ method: 'GET', url: '/?join=ABCD-EFGH', headers: NAVIGATION })).body).data).toEqual({ trainee: null, staff: null, retentionDays: 365, lrs: null, fresh: true });
    });

    test('a signed-in staff member is named on a navigation, never in a copy for the cache', async () => {
      const { app } = server();
      const manager = await signInStaff(app, 'manager');
      const me = (await app.inject({ method: 'GET', url: '/api/staff/me', cookies: manager.cookies })).json();
      expect(pageData((await app.inject({ method: 'GET', url: '/progress.html', cookies: manager.cookies, headers: NAVIGATION })).body).data).toMatchObject({ staff: me, fresh: true });
      expect(pageData((await app.inject({ method: 'GET', url: '/progress.html', cookies: manager.cookies, headers: { 'sec-fetch-mode': 'same-origin' } })).body).data).toMatchObject({ staff: null, fresh: false });
    });

    test('a signed-in trainee with a hostile name: named exactly, as data that cannot break out of its element', async () => {
      const { app } = server();
      const manager = await signInStaff(app, 'manager');
      const cohort = await createCohort(app, manager, 'Intake <b>&</b>');
      const cookies = await joinCohort(app, cohort.joinCode, HOSTILE);
      const me = (await app.inject({ method: 'GET', url: '/api/me', cookies })).json();
      const response = await app.inject({ method: 'GET', url: '/', cookies, headers: NAVIGATION });
      const { raw, data } = pageData(response.body);
      expect(data).toEqual({ trainee: me, staff: null, retentionDays: 365, lrs: null, fresh: true }); // the retention as the first test set it
      expect(me).toMatchObject({ name: HOSTILE.replace('\u00a0', ' '), cohort: { name: 'Intake <b>&</b>' } });
      expect(raw).not.toMatch(/[<>&]/);
      // The page is the built page plus the block, at the end of its head.
      expect(response.body.replace(/<script type="application\/json" id="team-server">[^]*?<\/script>/, '')).toBe('<!doctype html><html><head><title>t</title></head><body><script>window.started = 1;</script></body></html>');
      expect(response.body.indexOf(`id="${TEAM_SERVER_ELEMENT}"`)).toBeLessThan(response.body.indexOf('</head>'));

      // A copy fetched for the service worker's cache names nobody, and says it is not current; the game asks instead.
      expect(pageData((await app.inject({ method: 'GET', url: '/', cookies, headers: { 'sec-fetch-mode': 'same-origin' } })).body).data).toEqual({ trainee: null, staff: null, retentionDays: 365, lrs: null, fresh: false });
      const asked = await app.inject({ method: 'GET', url: TEAM_SERVER_URL, cookies });
      expect(asked.json()).toEqual({ trainee: me, staff: null, retentionDays: 365, lrs: null, fresh: true });
      expect(asked.headers['cache-control']).toBe('no-store');

      // Gone from the server, gone from the page.
      expect((await app.inject({ method: 'DELETE', url: '/api/me', cookies })).statusCode).toBe(204);
      expect(pageData((await app.inject({ method: 'GET', url: '/', cookies, headers: NAVIGATION })).body).data).toEqual({ trainee: null, staff: null, retentionDays: 365, lrs: null, fresh: true });
      expect((await app.inject({ method: 'GET', url: TEAM_SERVER_URL, cookies })).json()).toEqual({ trainee: null, staff: null, retentionDays: 365, lrs: null, fresh: true });
    });

    test("the Content Security Policy allows the page's own inline script as sent, and other files are served as they are", async () => {
      const { app } = server();
      const response = await app.inject({ method: 'GET', url: '/' });
      const policy = String(response.headers['content-security-policy']);
      const inline = /<script>([^]*?)<\/script>/.exec(response.body)?.[1] ?? '';
      expect(policy).toContain(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
      const asset = await app.inject({ method: 'GET', url: '/assets/game.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.body).toBe('export {};');
    });
  },
  { staticDir: site() },
);

/** Delivery settings for a department LRS; nothing is played here, so nothing is ever sent to it. */
const lrsConfig = (sendNames: boolean) => ({ endpoint: 'http://127.0.0.1:9/xAPI/', username: 'key', password: 'secret', homePage: 'https://team.example', passMark: 70, sendNames });

for (const sendNames of [false, true]) {
  describeEachDatabase(
    `with results passed on to an LRS ${sendNames ? 'with' : 'without'} names, every privacy notice is told`,
    (server) => {
      test('the page data and /api/privacy say so, and never how to reach the LRS', async () => {
        const { app } = server();
        const page = pageData((await app.inject({ method: 'GET', url: '/', headers: NAVIGATION })).body);
        expect(page.data).toEqual({ trainee: null, staff: null, retentionDays: null, lrs: { names: sendNames }, fresh: true });
        const privacy = await app.inject({ method: 'GET', url: '/api/privacy' });
        expect(privacy.json()).toEqual({ retentionDays: null, lrs: { names: sendNames } });
        for (const body of [page.raw, privacy.body]) expect(body).not.toMatch(/127\.0\.0\.1|secret|key/);
      });
    },
    { staticDir: site(), xapi: lrsConfig(sendNames) },
  );
}
