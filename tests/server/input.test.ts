import { expect, test } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../server/app.ts';
import { describeEachDatabase, signIn } from './harness.ts';
import { HARNESS_JOIN_CODE } from './seed.ts';

describeEachDatabase('bad input', (server) => {
  test('an oversized body is refused before it is parsed', async () => {
    const { app } = server();
    const response = await app.inject({ method: 'POST', url: '/api/trainees', payload: { name: 'x'.repeat(BODY_LIMIT_BYTES) } });
    expect(response.statusCode).toBe(413);
  });

  test('malformed JSON, or JSON that would poison prototypes, is a 400', async () => {
    const { app } = server();
    const response = await app.inject({ method: 'POST', url: '/api/trainees', headers: { 'content-type': 'application/json' }, payload: '{"name": "Dana"' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatch(/JSON/);
    const poisoned = await app.inject({ method: 'POST', url: '/api/trainees', headers: { 'content-type': 'application/json' }, payload: '{"name": "Dana", "__proto__": {"admin": true}}' });
    expect(poisoned.statusCode).toBe(400);
  });

  test('unknown fields, wrong types and over-long strings are refused, not dropped or converted', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const cases = [
      { url: '/api/trainees', payload: { name: 'Dana', joinCode: HARNESS_JOIN_CODE, role: 'admin' } },
      { url: '/api/trainees', payload: { name: 'Dana' } },
      { url: '/api/trainees', payload: { name: 'x'.repeat(201), joinCode: HARNESS_JOIN_CODE } },
      // A password is hashed with scrypt: its length is capped so a huge one costs nothing.
      { url: '/api/staff/sign-in', payload: { username: 'admin', password: 'x'.repeat(201) } },
      { url: '/api/staff/sign-in', payload: { username: 'admin', password: 'long enough password', remember: true } },
      { url: '/api/continue', payload: { code: 'ABCD-EFGH'.repeat(3) } },
      { url: '/api/attempts', payload: { id: 'not-a-uuid', scenario: 'x', scenarioHash: '0'.repeat(64), seed: 1, language: 'en', startedAt: 1 } },
      { url: '/api/attempts', payload: { id: crypto.randomUUID(), scenario: 'x', scenarioHash: '0'.repeat(64), seed: '1', language: 'en', startedAt: 1 } },
      { url: '/api/attempts', payload: { id: crypto.randomUUID(), scenario: 'x', scenarioHash: '0'.repeat(64), seed: 1, language: 'de', startedAt: 1 } },
      { url: `/api/attempts/${crypto.randomUUID()}/decisions`, payload: { index: 0, id: crypto.randomUUID(), choice: { kind: 'breath', reply: 'x' }, at: 1 } },
    ];
    for (const { url, payload } of cases) {
      const response = await app.inject({ method: 'POST', url, cookies, payload });
      expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
    }
  });

  test('a cross-site form post cannot reach the API: only application/json is read', async () => {
    const { app } = server();
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', 'name=Mallory'],
      ['text/plain', '{"name":"Mallory"}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nMallory\r\n--x--'],
    ]) {
      const response = await app.inject({ method: 'POST', url: '/api/trainees', headers: { 'content-type': type }, payload });
      expect(response.statusCode, type).toBe(415);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  test('hostile names are stored and returned as plain text', async () => {
    const { app } = server();
    for (const name of ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example","click")', "Robert'); DROP TABLE trainees;--"]) {
      const response = await app.inject({ method: 'POST', url: '/api/trainees', payload: { name, joinCode: HARNESS_JOIN_CODE } });
      expect(response.statusCode).toBe(201);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.json().name).toBe(name);
    }
    const blank = await app.inject({ method: 'POST', url: '/api/trainees', payload: { name: ' \u0000\t ', joinCode: HARNESS_JOIN_CODE } });
    expect(blank.statusCode).toBe(400);
  });

  test('without a session, attempts are a 401 and the body is never read', async () => {
    const { app } = server();
    const response = await app.inject({ method: 'POST', url: '/api/attempts', payload: '{broken', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(401);
    const forged = await app.inject({ method: 'GET', url: `/api/attempts/${crypto.randomUUID()}`, cookies: { htl_session: 'guessed' } });
    expect(forged.statusCode).toBe(401);
  });

  test('a malformed attempt id is refused by its schema, before the database sees it', async () => {
    const { app } = server();
    const cookies = await signIn(app);
    const response = await app.inject({ method: 'GET', url: '/api/attempts/not-a-uuid', cookies });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json())).toEqual(['error']);
  });
});
