import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../server/db/connect.ts';
import { SESSION_COOKIE, STAFF_COOKIE } from '../../server/session.ts';
import { DATABASES, describeEachDatabase, signIn, signInStaff, TEST_PASSWORD, withDatabase } from './harness.ts';
import { HARNESS_JOIN_CODE } from './seed.ts';

describeEachDatabase('trainee sessions', (server) => {
  test('the session cookie is HttpOnly, SameSite=Strict, site-wide, not Secure on plain HTTP, and a long random token', async () => {
    const response = await server().app.inject({ method: 'POST', url: '/api/trainees', payload: { name: 'Dana', joinCode: HARNESS_JOIN_CODE } });
    const [cookie] = response.cookies;
    expect(cookie).toMatchObject({ name: SESSION_COOKIE, httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 90 * 24 * 60 * 60 });
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describeEachDatabase(
  'trainee sessions behind HTTPS',
  (server) => {
    test('the cookie is Secure when the server is told it runs behind HTTPS', async () => {
      const response = await server().app.inject({ method: 'POST', url: '/api/trainees', payload: { name: 'Dana', joinCode: HARNESS_JOIN_CODE } });
      expect(response.cookies[0]?.secure).toBe(true);
    });

    test('so is the staff cookie', async () => {
      const { app } = server();
      const manager = await signInStaff(app, 'manager');
      const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: manager.username, password: TEST_PASSWORD } });
      expect(response.cookies.find((cookie) => cookie.name === STAFF_COOKIE)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', maxAge: 12 * 60 * 60 });
    });
  },
  { secureCookies: true },
);

describe.each(DATABASES)('sessions across a restart (%s)', (kind) => {
  test('the session lives in the database, which holds only its hash', () =>
    withDatabase(kind, async (start, target) => {
      const first = await start();
      const cookies = await signIn(first);
      await first.close();
      // The restarted server has nothing in memory; only the database can vouch for the session.
      const restarted = await start();
      const known = await restarted.inject({ method: 'GET', url: `/api/attempts/${randomUUID()}`, cookies });
      await restarted.close();
      expect(known.statusCode).toBe(404);

      const db = await openDatabase(target);
      const stored = await db.selectFrom('sessions').select('token_hash').execute();
      await db.destroy();
      const token = cookies[SESSION_COOKIE] as string;
      expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
    }));

  test('an expired session is refused', () =>
    withDatabase(kind, async (start, target) => {
      const first = await start();
      const cookies = await signIn(first);
      await first.close();
      const db = await openDatabase(target);
      await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
      await db.destroy();
      const restarted = await start();
      const response = await restarted.inject({ method: 'GET', url: `/api/attempts/${randomUUID()}`, cookies });
      await restarted.close();
      expect(response.statusCode).toBe(401);
    }));
});
