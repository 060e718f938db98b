import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect, test } from 'vitest';
import { scoreChoices, type CoachingNote } from '../../src/index.ts';
import { createCohort, describeEachDatabase, joinCohort, signInAdmin, signInStaff, type Cookies } from './harness.ts';
import { firstVersion, playThrough, startAttempt } from './play.ts';

const HOSTILE = '=HYPERLINK("http://evil.example","x")<img src=x onerror=alert(1)>\t+1\r@SUM(A1)';
/** The hostile name (a name is tidied and capped when typed; a note is kept as it is). */
const HOSTILE_NAME = '=HYPERLINK("x")<img src=x onerror=alert(1)>';

const idOf = async (app: FastifyInstance, cookies: Cookies): Promise<string> => (await app.inject({ method: 'GET', url: '/api/me', cookies })).json().id;

/** Two managers, each with a cohort: Anna's has Dana and Egor, who each play once; Boris's has Fay. */
async function twoManagers(app: FastifyInstance) {
  const [anna, boris] = [await signInStaff(app, 'manager'), await signInStaff(app, 'manager')];
  const annas = await createCohort(app, anna, "Anna's group");
  const boriss = await createCohort(app, boris, "Boris's group");
  const dana = await joinCohort(app, annas.joinCode, 'Dana');
  const egor = await joinCohort(app, annas.joinCode, HOSTILE_NAME);
  const fay = await joinCohort(app, boriss.joinCode, 'Fay');
  const played = { dana: await playThrough(() => app, dana, await startAttempt(app, dana)), egor: await playThrough(() => app, egor, await startAttempt(app, egor)) };
  return { anna, boris, annas, boriss, dana, egor, fay, played, ids: { dana: await idOf(app, dana), egor: await idOf(app, egor), fay: await idOf(app, fay) } };
}

const note = (app: FastifyInstance, cookies: Cookies, traineeId: string, payload: object) => app.inject({ method: 'POST', url: `/api/dashboard/trainees/${traineeId}/notes`, cookies, payload });

describeEachDatabase('who reaches the dashboard', (server) => {
  test("a manager sees their trainees with the engine's scores; another manager's cohort, trainee, scenario numbers and notes are 404, like ids that do not exist", async () => {
    const { app } = server();
    const { anna, boris, annas, played, ids } = await twoManagers(app);
    const scenario = firstVersion().scenario.id;
    const grid = (await app.inject({ method: 'GET', url: '/api/dashboard/cohort', cookies: anna.cookies })).json().trainees;
    expect(grid.map((row: { name: string }) => row.name)).toEqual(['Dana', HOSTILE_NAME].sort());
    for (const [who, choices] of Object.entries(played)) {
      const scored = scoreChoices(firstVersion().scenario, choices);
      if (!scored.ok) throw new Error(scored.error);
      const row = grid.find((candidate: { traineeId: string }) => candidate.traineeId === ids[who as 'dana' | 'egor']);
      expect(row).toMatchObject({ cohortId: annas.id, cohortName: "Anna's group", skills: scored.report.skills, overall: scored.report.overall, cells: { [scenario]: { attempts: 1, best: scored.report.overall, latest: scored.report.overall, latestOutcome: scored.report.outcome } } });
    }
    expect((await app.inject({ method: 'GET', url: '/api/dashboard/cohort', cookies: boris.cookies })).json().trainees.map((row: { name: string }) => row.name)).toEqual(['Fay']);

    const asBoris = (url: string, method: 'GET' | 'POST' = 'GET') => app.inject({ method, url, cookies: boris.cookies, ...(method === 'POST' ? { payload: { text: 'hi' } } : {}) });
    const unknown = randomUUID();
    for (const [theirs, missing, method] of [
      [`/api/dashboard/cohort?cohort=${annas.id}`, `/api/dashboard/cohort?cohort=${unknown}`],
      [`/api/dashboard/trainees/${ids.dana}`, `/api/dashboard/trainees/${unknown}`],
      [`/api/dashboard/scenarios/${scenario}?cohort=${annas.id}`, `/api/dashboard/scenarios/${scenario}?cohort=${unknown}`],
      [`/api/dashboard/export?cohort=${annas.id}`, `/api/dashboard/export?cohort=${unknown}`],
      [`/api/dashboard/trainees/${ids.dana}/notes`, `/api/dashboard/trainees/${unknown}/notes`, 'POST'],
    ] as const) {
      const [a, b] = [await asBoris(theirs, method), await asBoris(missing, method)];
      expect([a.statusCode, a.body], theirs).toEqual([404, b.body]);
    }
    // Across all his cohorts, Boris's numbers hold none of Anna's attempts.
    expect((await asBoris(`/api/dashboard/scenarios/${scenario}`)).json()).toMatchObject({ attempts: 0, trainees: 0, choices: [] });
    expect((await app.inject({ method: 'GET', url: `/api/dashboard/scenarios/${scenario}`, cookies: anna.cookies })).json()).toMatchObject({ attempts: 2, trainees: 2 });
    expect((await asBoris('/api/dashboard/export')).json()).toEqual({ attempts: [], decisions: [] });
    expect((await app.inject({ method: 'GET', url: '/api/dashboard/scenarios/no-such-scenario', cookies: anna.cookies })).statusCode).toBe(404);
  });

  test('a trainer is refused (403); a trainee cookie or none is not signed in as staff (401)', async () => {
    const { app } = server();
    const trainer = await signInStaff(app, 'trainer');
    const { dana, ids } = await twoManagers(app);
    const routes = [
      ['GET', '/api/dashboard/cohort'],
      ['GET', `/api/dashboard/trainees/${ids.dana}`],
      ['GET', `/api/dashboard/scenarios/${firstVersion().scenario.id}`],
      ['GET', '/api/dashboard/export'],
      ['POST', `/api/dashboard/trainees/${ids.dana}/notes`],
      ['DELETE', `/api/dashboard/notes/${randomUUID()}`],
    ] as const;
    for (const [method, url] of routes) {
      const payload = method === 'POST' ? { text: 'hi' } : undefined;
      expect((await app.inject({ method, url, payload, cookies: trainer.cookies })).statusCode, `${method} ${url} as a trainer`).toBe(403);
      expect((await app.inject({ method, url, payload, cookies: dana })).statusCode, `${method} ${url} as a trainee`).toBe(401);
      expect((await app.inject({ method, url, payload })).statusCode, `${method} ${url} signed out`).toBe(401);
    }
    expect((await app.inject({ method: 'GET', url: '/api/me/notes', cookies: trainer.cookies })).statusCode).toBe(401);
  });

  test('coaching notes: written as the signed-in staff member, kept and returned verbatim, read by their trainee only, deleted by their author or an admin', async () => {
    const { app } = server();
    const admin = await signInAdmin(app);
    const { anna, boris, dana, egor, fay, ids } = await twoManagers(app);
    const first = await note(app, anna.cookies, ids.dana, { text: HOSTILE });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: expect.any(String), text: HOSTILE, author: anna.username, createdAt: expect.any(Number) });
    const second: CoachingNote = (await note(app, admin.cookies, ids.dana, { text: '<b>Well done</b> on the refund' })).json();
    expect(second.author).toBe('admin');
    await note(app, anna.cookies, ids.egor, { text: 'For Egor' });

    // A forged author, an empty or blank note, one over 2,000 characters: refused, nothing stored.
    for (const payload of [{ text: 'x', author: 'admin' }, { text: 'x', authorId: admin.id }, { text: '' }, { text: ' \n\t ' }, { text: 'x'.repeat(2001) }, {}]) {
      const refused = await note(app, anna.cookies, ids.dana, payload);
      expect(refused.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
    }
    expect((await note(app, anna.cookies, ids.fay, { text: 'x'.repeat(2000) })).statusCode).toBe(404);
    expect((await note(app, boris.cookies, ids.fay, { text: 'x'.repeat(2000) })).statusCode).toBe(201);

    const mine = async (cookies: Cookies) => (await app.inject({ method: 'GET', url: '/api/me/notes', cookies })).json().notes.map((found: CoachingNote) => found.text);
    expect(await mine(dana)).toEqual(['<b>Well done</b> on the refund', HOSTILE]);
    expect(await mine(egor)).toEqual(['For Egor']);
    expect(await mine(fay)).toEqual(['x'.repeat(2000)]);
    const detail = (await app.inject({ method: 'GET', url: `/api/dashboard/trainees/${ids.dana}`, cookies: anna.cookies })).json();
    expect(detail.notes).toEqual([second, first.json()]);
    expect(detail.trainee).toEqual({ id: ids.dana, name: 'Dana', cohortId: expect.any(String), cohortName: "Anna's group" });

    const remove = (id: string, cookies: Cookies) => app.inject({ method: 'DELETE', url: `/api/dashboard/notes/${id}`, cookies });
    expect((await remove(first.json().id, boris.cookies)).statusCode).toBe(404);
    expect((await remove(second.id, anna.cookies)).statusCode).toBe(403);
    expect((await remove(first.json().id, anna.cookies)).statusCode).toBe(204);
    expect((await remove(first.json().id, anna.cookies)).statusCode).toBe(404);
    expect((await remove(second.id, admin.cookies)).statusCode).toBe(204);
    expect(await mine(dana)).toEqual([]);
  });

  test('query parameters, ids and bodies are checked: anything malformed is a 400 that names what is wrong', async () => {
    const { app } = server();
    const manager = await signInStaff(app, 'manager');
    const bad: [string, RegExp][] = [
      ['/api/dashboard/cohort?from=yesterday', /querystring\/from must match pattern/],
      ['/api/dashboard/cohort?from=-5', /querystring\/from/],
      ['/api/dashboard/cohort?to=1.5', /querystring\/to/],
      ['/api/dashboard/cohort?to=99999999999999999', /querystring\/to/],
      ['/api/dashboard/cohort?cohort=42', /querystring\/cohort must match pattern/],
      ['/api/dashboard/cohort?language=de', /querystring\/language\/0 must match pattern/],
      ['/api/dashboard/cohort?language=en&language=xx', /querystring\/language\/1/],
      ['/api/dashboard/cohort?scenario=DROP%20TABLE', /querystring\/scenario\/0/],
      ['/api/dashboard/cohort?manager=someone', /querystring must NOT have additional properties/],
      ['/api/dashboard/trainees/not-a-uuid', /params\/id/],
      ['/api/dashboard/trainees/00000000-0000-4000-8000-000000000001?scenario=x', /additional properties/],
      ['/api/dashboard/scenarios/Bad%20Id', /params\/scenarioId/],
      ['/api/dashboard/export?from=1e3', /querystring\/from/],
    ];
    for (const [url, message] of bad) {
      const response = await app.inject({ method: 'GET', url, cookies: manager.cookies });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error, url).toMatch(message);
    }
    const fine = await app.inject({ method: 'GET', url: `/api/dashboard/cohort?from=0&to=${Date.now()}&language=en&scenario=a&scenario=b`, cookies: manager.cookies });
    expect(fine.statusCode).toBe(200);
  });
});
