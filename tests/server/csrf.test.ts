import { expect, test } from 'vitest';
import { createCohort, describeEachDatabase, signIn, signInStaff } from './harness.ts';

describeEachDatabase('cross-site requests', (server) => {
  test('a cross-site form post to staff sign-in is refused before it is read', async () => {
    const { app } = server();
    const response = await app.inject({
      method: 'POST',
      url: '/api/staff/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: 'username=admin&password=guess',
    });
    expect(response.statusCode).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
    // Even without an Origin (an old browser), a form cannot send JSON.
    const noOrigin = await app.inject({ method: 'POST', url: '/api/staff/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=admin&password=guess' });
    expect(noOrigin.statusCode).toBe(415);
  });

  test('a fetch with a foreign Origin is a 403 for every unsafe method; the same origin and safe methods pass', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    for (const [method, url] of [['POST', '/api/me/continue-code'], ['DELETE', '/api/me'], ['PUT', '/api/settings/retention'], ['POST', '/api/trainees']] as const) {
      for (const origin of ['https://evil.example', 'null', 'http://localhost:8080']) {
        const response = await app.inject({ method, url, cookies, headers: { origin }, payload: {} });
        expect(response.statusCode, `${method} ${url} from ${origin}`).toBe(403);
        expect(response.json()).toEqual({ error: 'requests from another site are refused' });
      }
    }
    const sameSite = await app.inject({ method: 'POST', url: '/api/me/continue-code', cookies, headers: { origin: 'http://localhost:80' } });
    expect(sameSite.statusCode).toBe(201);
    const read = await app.inject({ method: 'GET', url: '/api/me', cookies, headers: { origin: 'https://evil.example' } });
    expect(read.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', cookies })).statusCode).toBe(200);
  });
});

describeEachDatabase(
  'cross-site requests behind a proxy',
  (server) => {
    test('with HTL_PUBLIC_URL the Origin must be the public one, and links use it', async () => {
      const { app } = server();
      const cookies = await signIn(app);
      const inside = await app.inject({ method: 'POST', url: '/api/me/continue-code', cookies, headers: { origin: 'http://localhost:80' } });
      expect(inside.statusCode).toBe(403);
      const outside = await app.inject({ method: 'POST', url: '/api/me/continue-code', cookies, headers: { origin: 'https://training.example.com' } });
      expect(outside.statusCode).toBe(201);
      const cohort = await createCohort(app, await signInStaff(app, 'manager'));
      expect(cohort.joinLink).toBe(`https://training.example.com/?join=${cohort.joinCode}`);
    });
  },
  { publicUrl: 'https://training.example.com' },
);
