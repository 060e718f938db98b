import { expect, test } from 'vitest';
import { scoreChoices } from '../../src/index.ts';
import { createCohort, describeEachDatabase, joinCohort, signInAdmin, signInStaff } from './harness.ts';
import { firstVersion, playThrough, startAttempt } from './play.ts';

describeEachDatabase('cohorts', (server) => {
  test('a manager creates a cohort with a join code and link; a trainee joins with the code in any case, with or without the dash', async () => {
    const { app } = server();
    const manager = await signInStaff(app, 'manager');
    const cohort = await createCohort(app, manager, '  November   intake ');
    expect(cohort).toMatchObject({ name: 'November intake', joinCode: expect.stringMatching(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/) });
    // The request's own origin (inject's Host is localhost:80); HTL_PUBLIC_URL would override it.
    expect(cohort.joinLink).toBe(`http://localhost:80/?join=${cohort.joinCode}`);
    expect((await app.inject({ method: 'GET', url: `/api/join/${cohort.joinCode.toLowerCase()}` })).json()).toEqual({ cohort: { name: 'November intake' } });
    const unknown = await app.inject({ method: 'GET', url: '/api/join/ABCD-EFGH' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatch(/join code/);

    const joined = await app.inject({ method: 'POST', url: '/api/trainees', payload: { name: 'Dana', joinCode: cohort.joinCode.replace('-', '').toLowerCase() } });
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toEqual({ id: expect.any(String), name: 'Dana', cohort: { id: cohort.id, name: 'November intake' } });
    const me = await app.inject({ method: 'GET', url: '/api/me', cookies: { htl_session: joined.cookies[0]?.value as string } });
    expect(me.json()).toEqual(joined.json());
    expect((await app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const nowhere = await app.inject({ method: 'POST', url: '/api/trainees', payload: { name: 'Dana', joinCode: 'ZZZZ-ZZZZ' } });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.headers['set-cookie']).toBeUndefined();
  });

  test('a manager lists only their own cohorts, with trainee counts; an admin lists all', async () => {
    const { app } = server();
    const [anna, boris] = [await signInStaff(app, 'manager'), await signInStaff(app, 'manager')];
    const annas = await createCohort(app, anna, 'Anna\'s group');
    const boriss = await createCohort(app, boris, '<img src=x onerror=alert(1)>');
    await joinCohort(app, annas.joinCode, 'Dana');
    await joinCohort(app, annas.joinCode, 'Egor');
    const list = async (cookies: Record<string, string>) => (await app.inject({ method: 'GET', url: '/api/cohorts', cookies })).json().cohorts;
    expect(await list(anna.cookies)).toEqual([{ ...annas, traineeCount: 2, createdAt: expect.any(Number) }]);
    expect(await list(boris.cookies)).toEqual([{ ...boriss, traineeCount: 0, createdAt: expect.any(Number) }]);
    const all = (await list((await signInAdmin(app)).cookies)).map((cohort: { id: string }) => cohort.id);
    expect(all).toEqual(expect.arrayContaining([annas.id, boriss.id]));
  });

  test("a manager cannot see another manager's cohort or remove its trainees: 404, as if it did not exist", async () => {
    const { app } = server();
    const [anna, boris] = [await signInStaff(app, 'manager'), await signInStaff(app, 'manager')];
    const annas = await createCohort(app, anna);
    const dana = await joinCohort(app, annas.joinCode, 'Dana');
    const danaId = (await app.inject({ method: 'GET', url: '/api/me', cookies: dana })).json().id;
    const theirs = await app.inject({ method: 'GET', url: `/api/cohorts/${annas.id}/trainees`, cookies: boris.cookies });
    const missing = await app.inject({ method: 'GET', url: `/api/cohorts/${crypto.randomUUID()}/trainees`, cookies: boris.cookies });
    expect([theirs.statusCode, theirs.body]).toEqual([missing.statusCode, missing.body]);
    expect(theirs.statusCode).toBe(404);
    const removed = await app.inject({ method: 'DELETE', url: `/api/trainees/${danaId}`, cookies: boris.cookies });
    expect(removed.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: dana })).statusCode).toBe(200);
    const trainer = await signInStaff(app, 'trainer');
    expect((await app.inject({ method: 'GET', url: `/api/cohorts/${annas.id}/trainees`, cookies: trainer.cookies })).statusCode).toBe(403);
  });

  test("the manager reads each trainee's attempts with the scores the server computed, and can remove a trainee", async () => {
    const { app } = server();
    const manager = await signInStaff(app, 'manager');
    const cohort = await createCohort(app, manager);
    const dana = await joinCohort(app, cohort.joinCode, 'Dana');
    await joinCohort(app, cohort.joinCode, '=HYPERLINK("http://evil.example","x")');
    const attempt = await startAttempt(app, dana);
    const choices = await playThrough(() => app, dana, attempt);
    const expected = scoreChoices(firstVersion().scenario, choices);
    if (!expected.ok) throw new Error(expected.error);

    const { trainees } = (await app.inject({ method: 'GET', url: `/api/cohorts/${cohort.id}/trainees`, cookies: manager.cookies })).json();
    expect(trainees.map((trainee: { name: string }) => trainee.name)).toEqual(['Dana', '=HYPERLINK("http://evil.example","x")']);
    expect(trainees[0].attempts).toEqual([
      {
        id: attempt,
        scenario: firstVersion().scenario.id,
        scenarioHash: firstVersion().hash,
        language: 'en',
        startedAt: 1_700_000_000_000,
        outcome: expected.report.outcome,
        decisionCount: choices.length,
        score: { scoringVersion: 1, scenarioHash: firstVersion().hash, skills: expected.report.skills, overall: expected.report.overall, outcome: expected.report.outcome, decisionCount: choices.length },
      },
    ]);
    // The trainee sees the same summary of their own attempts.
    expect((await app.inject({ method: 'GET', url: '/api/me/attempts', cookies: dana })).json()).toEqual({ attempts: trainees[0].attempts });

    expect((await app.inject({ method: 'DELETE', url: `/api/trainees/${trainees[0].id}`, cookies: manager.cookies })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies: dana })).statusCode).toBe(401);
    const after = (await app.inject({ method: 'GET', url: `/api/cohorts/${cohort.id}/trainees`, cookies: manager.cookies })).json().trainees;
    expect(after.map((trainee: { name: string }) => trainee.name)).toEqual(['=HYPERLINK("http://evil.example","x")']);
  });

  test('cohort names are validated: blank, over-long and unknown fields are refused', async () => {
    const { app } = server();
    const manager = await signInStaff(app, 'manager');
    for (const payload of [{ name: ' \t ' }, { name: 'x'.repeat(101) }, { name: 'A', managerId: manager.id }, {}]) {
      const response = await app.inject({ method: 'POST', url: '/api/cohorts', cookies: manager.cookies, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});
