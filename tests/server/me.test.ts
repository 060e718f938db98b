import { expect, test } from 'vitest';
import { SESSION_COOKIE } from '../../server/session.ts';
import { cookiesOf, describeEachDatabase, linkToken, signIn, signInAdmin, signInStaff } from './harness.ts';

let now = new Date('2026-01-10T12:00:00Z');
const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

const newCode = async (app: Parameters<typeof signIn>[0], cookies: Record<string, string>) => {
  const response = await app.inject({ method: 'POST', url: '/api/me/continue-code', cookies });
  expect(response.statusCode).toBe(201);
  return response.json() as { code: string; expiresAt: number };
};
const continueWith = (app: Parameters<typeof signIn>[0], code: string) => app.inject({ method: 'POST', url: '/api/continue', payload: { code } });

describeEachDatabase(
  'continue on another device',
  (server) => {
    test('a continue code moves the trainee to a second device once; the first device stays signed in', async () => {
      const { app } = server();
      const phone = await signIn(app, 'Dana');
      const { code, expiresAt } = await newCode(app, phone);
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      expect(expiresAt).toBe(now.getTime() + 15 * 60_000);
      const laptop = await continueWith(app, ` ${code.replace('-', '').toLowerCase()} `);
      expect(laptop.statusCode).toBe(200);
      const me = (await app.inject({ method: 'GET', url: '/api/me', cookies: phone })).json();
      expect(laptop.json()).toEqual(me);
      expect(cookiesOf(laptop)[SESSION_COOKIE]).not.toBe(phone[SESSION_COOKIE]);
      expect((await app.inject({ method: 'GET', url: '/api/me', cookies: cookiesOf(laptop) })).json()).toEqual(me);
      const reused = await continueWith(app, code);
      expect(reused.statusCode).toBe(422);
      expect(reused.headers['set-cookie']).toBeUndefined();
      expect((await app.inject({ method: 'GET', url: '/api/me', cookies: phone })).statusCode).toBe(200);
    });

    test('used, replaced, expired, unknown and malformed codes all get the same 422', async () => {
      const { app } = server();
      const cookies = await signIn(app);
      const replaced = (await newCode(app, cookies)).code;
      const current = (await newCode(app, cookies)).code;
      advance(16);
      const answers = await Promise.all([replaced, current, 'ABCD-EFGH', 'not a code!'].map((code) => continueWith(app, code)));
      expect(answers.map((answer) => answer.statusCode)).toEqual([422, 422, 422, 422]);
      expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
      const fresh = (await newCode(app, cookies)).code;
      advance(14);
      expect((await continueWith(app, fresh)).statusCode).toBe(200);
    });

    test('a set-password link expires after 72 hours', async () => {
      const { app } = server();
      const manager = await signInStaff(app, 'manager');
      const issued = await app.inject({ method: 'POST', url: `/api/staff/accounts/${manager.id}/reset-link`, cookies: (await signInAdmin(app)).cookies });
      advance(72 * 60 + 1);
      const late = await app.inject({ method: 'POST', url: '/api/staff/password', payload: { token: linkToken(issued.json().link), password: 'a new long password' } });
      expect(late.statusCode).toBe(422);
    });

    test('a trainee deletes themselves: signed out, the cookie cleared, their session gone', async () => {
      const { app } = server();
      const cookies = await signIn(app);
      const deleted = await app.inject({ method: 'DELETE', url: '/api/me', cookies });
      expect(deleted.statusCode).toBe(204);
      expect(deleted.cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value).toBe('');
      expect((await app.inject({ method: 'GET', url: '/api/me', cookies })).statusCode).toBe(401);
      expect((await app.inject({ method: 'DELETE', url: '/api/me', cookies })).statusCode).toBe(401);
    });
  },
  { clock: () => now },
);

describeEachDatabase(
  'public trainee endpoints are rate-limited per address',
  (server) => {
    test('the fourth request in a minute from one address is a 429 with Retry-After; another address is not affected', async () => {
      const { app } = server();
      const join = (ip: string) => app.inject({ method: 'GET', url: '/api/join/ABCD-EFGH', remoteAddress: ip });
      for (let request = 0; request < 3; request++) expect((await join('10.1.1.1')).statusCode).toBe(404);
      const limited = await join('10.1.1.1');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toEqual({ error: expect.stringMatching(/too many requests/) });
      expect((await join('10.1.1.2')).statusCode).toBe(404);
      for (let request = 0; request < 3; request++) await app.inject({ method: 'POST', url: '/api/continue', payload: { code: 'ABCD-EFGH' }, remoteAddress: '10.1.1.3' });
      expect((await app.inject({ method: 'POST', url: '/api/continue', payload: { code: 'ABCD-EFGH' }, remoteAddress: '10.1.1.3' })).statusCode).toBe(429);
    });
  },
  { publicRequestsPerMinute: 3 },
);

describeEachDatabase(
  'behind a reverse proxy (HTL_TRUST_PROXY=1)',
  (server) => {
    test("limits count each client's forwarded address, not the proxy's", async () => {
      const { app } = server();
      const join = (client: string) => app.inject({ method: 'GET', url: '/api/join/ABCD-EFGH', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': client } });
      for (let request = 0; request < 3; request++) expect((await join('203.0.113.7')).statusCode).toBe(404);
      expect((await join('203.0.113.7')).statusCode).toBe(429);
      expect((await join('203.0.113.8')).statusCode).toBe(404);
    });
  },
  { publicRequestsPerMinute: 3, trustProxy: true },
);
