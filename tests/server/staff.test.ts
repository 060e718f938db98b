import { describe, expect, test } from 'vitest';
import { STAFF_COOKIE } from '../../server/session.ts';
import { cookiesOf, DATABASES, describeEachDatabase, linkToken, signIn, signInAdmin, signInStaff, startServer, TEST_PASSWORD, withDatabase } from './harness.ts';

const signInAs = (app: Parameters<typeof signIn>[0], username: string, password: string, ip = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username, password }, remoteAddress: ip });

describe.each(DATABASES)('first admin (%s)', (kind) => {
  test('the first start offers a one-time link; a restart voids it; once used, setup is over', () =>
    withDatabase(kind, async (start) => {
      const tokens: string[] = [];
      const onFirstAdminToken = (token: string) => tokens.push(token);
      await (await start({ onFirstAdminToken })).close();
      const app = await start({ onFirstAdminToken });
      try {
        expect(tokens).toHaveLength(2);
        expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
        const setup = (token: string, username = 'boss') => app.inject({ method: 'POST', url: '/api/setup', payload: { token, username, password: TEST_PASSWORD } });
        const voided = await setup(tokens[0] as string);
        expect(voided.statusCode).toBe(422);
        expect((await setup(tokens[1] as string, 'x')).statusCode).toBe(400); // too short a username: the link is not spent
        const created = await setup(tokens[1] as string, 'Boss');
        expect(created.statusCode).toBe(201);
        expect(created.json()).toMatchObject({ username: 'boss', role: 'admin' });
        const cookie = created.cookies.find((one) => one.name === STAFF_COOKIE);
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
        expect((await app.inject({ method: 'GET', url: '/api/staff/me', cookies: cookiesOf(created) })).json()).toMatchObject({ username: 'boss', role: 'admin' });
        expect((await setup(tokens[1] as string, 'second')).statusCode).toBe(422);
        expect((await app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
      } finally {
        await app.close();
      }
      // With an admin, a restart offers no link at all.
      const after = await start({ onFirstAdminToken });
      await after.close();
      expect(tokens).toHaveLength(2);
    }));
});

describeEachDatabase('staff sign-in', (server) => {
  test('a wrong password and an unknown username get the same answer, in about the same time', async () => {
    const { app } = server();
    const manager = await signInStaff(app, 'manager');
    const timed = async (username: string) => {
      const started = performance.now();
      const response = await signInAs(app, username, 'wrong password!');
      return { status: response.statusCode, body: response.body, ms: performance.now() - started };
    };
    const wrong = await timed(manager.username);
    const unknown = await timed('nobody-here');
    expect(unknown.status).toBe(401);
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: wrong.status, body: wrong.body });
    expect(wrong.body).toBe(JSON.stringify({ error: 'wrong username or password' }));
    // Both hash a password (scrypt); a shortcut for unknown names would answer many times faster.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
    const right = await signInAs(app, manager.username.toUpperCase(), TEST_PASSWORD);
    expect(right.statusCode).toBe(200);
    expect(right.json()).toEqual({ id: manager.id, username: manager.username, role: 'manager' });
  });

  test('the password is stored as a salted scrypt hash, never as typed', async () => {
    const { app } = server();
    const staff = await signInStaff(app, 'trainer');
    const accounts = (await app.inject({ method: 'GET', url: '/api/staff/accounts', cookies: (await signInAdmin(app)).cookies })).json().accounts;
    expect(accounts).toContainEqual({ id: staff.id, username: staff.username, role: 'trainer', disabled: false });
    expect(JSON.stringify(accounts)).not.toContain('scrypt');
  });

  test('too many failures for one username are a 429 with Retry-After, even with the right password', async () => {
    const { app } = server();
    const victim = await signInStaff(app, 'manager');
    for (let attempt = 0; attempt < 5; attempt++) expect((await signInAs(app, victim.username, `guess number ${attempt}`, '10.0.0.1')).statusCode).toBe(401);
    const locked = await signInAs(app, victim.username, TEST_PASSWORD, '10.0.0.2');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.json().error).toMatch(/too many/);
  });

  test('guesses sent all at once cannot slip under the limit', async () => {
    const { app } = server();
    const victim = await signInStaff(app, 'trainer');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, guess) => signInAs(app, victim.username, `parallel guess ${guess}`, '10.0.0.3')));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(true);
  });

  test('too many failures from one address are a 429 for every username', async () => {
    const { app } = server();
    for (let attempt = 0; attempt < 50; attempt++) await signInAs(app, `someone-${attempt}`, 'wrong password!', '10.9.9.9');
    expect((await signInAs(app, 'someone-else', 'wrong password!', '10.9.9.9')).statusCode).toBe(429);
    expect((await signInAs(app, 'someone-else', 'wrong password!', '10.9.9.8')).statusCode).toBe(401);
  }, 120_000);

  test('sign-out ends the session in the database', async () => {
    const { app } = server();
    const trainer = await signInStaff(app, 'trainer');
    expect((await app.inject({ method: 'GET', url: '/api/staff/me', cookies: trainer.cookies })).statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/staff/sign-out', cookies: trainer.cookies });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((cookie) => cookie.name === STAFF_COOKIE)?.value).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/staff/me', cookies: trainer.cookies })).statusCode).toBe(401);
  });

  test('roles: trainers and managers cannot use admin routes; trainers cannot see cohorts; a trainee session is not a staff session', async () => {
    const { app } = server();
    const trainer = await signInStaff(app, 'trainer');
    const manager = await signInStaff(app, 'manager');
    for (const who of [trainer, manager]) {
      expect((await app.inject({ method: 'GET', url: '/api/staff/accounts', cookies: who.cookies })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/staff/accounts', cookies: who.cookies, payload: { username: 'sneaky', role: 'admin' } })).statusCode).toBe(403);
      expect((await app.inject({ method: 'PUT', url: '/api/settings/retention', cookies: who.cookies, payload: { days: 30 } })).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: '/api/cohorts', cookies: trainer.cookies })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/cohorts', cookies: manager.cookies })).statusCode).toBe(200);
    const trainee = await signIn(app);
    expect((await app.inject({ method: 'GET', url: '/api/staff/me', cookies: trainee })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/cohorts', cookies: { [STAFF_COOKIE]: trainee.htl_session as string } })).statusCode).toBe(401);
  });

  test('a reset link works once, within 72 hours, and ends every other session of the account', async () => {
    const { app } = server();
    const admin = await signInAdmin(app);
    const manager = await signInStaff(app, 'manager');
    const issued = await app.inject({ method: 'POST', url: `/api/staff/accounts/${manager.id}/reset-link`, cookies: admin.cookies });
    expect(issued.statusCode).toBe(201);
    const token = linkToken(issued.json().link);
    expect(issued.json().link).toMatch(/^http:\/\/localhost(:\d+)?\/staff\.html#reset=[A-Za-z0-9_-]{43}$/);
    const reset = await app.inject({ method: 'POST', url: '/api/staff/password', payload: { token, password: 'a new long password' } });
    expect(reset.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/staff/me', cookies: manager.cookies })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/staff/me', cookies: cookiesOf(reset) })).statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/api/staff/password', payload: { token, password: 'yet another password' } });
    expect(again.statusCode).toBe(422);
    expect((await signInAs(app, manager.username, 'a new long password')).statusCode).toBe(200);
    const short = await app.inject({ method: 'POST', url: '/api/staff/password', payload: { token, password: 'short' } });
    expect(short.statusCode).toBe(400);
  });

  test('a new account gets a link, not a password; a taken username is a 409', async () => {
    const { app } = server();
    const admin = await signInAdmin(app);
    const created = await app.inject({ method: 'POST', url: '/api/staff/accounts', cookies: admin.cookies, payload: { username: 'Olga', role: 'manager' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'olga', role: 'manager', link: expect.stringContaining('/staff.html#reset=') });
    expect((await signInAs(app, 'olga', '!')).statusCode).toBe(401);
    const taken = await app.inject({ method: 'POST', url: '/api/staff/accounts', cookies: admin.cookies, payload: { username: 'OLGA', role: 'trainer' } });
    expect(taken.statusCode).toBe(409);
    const hostile = await app.inject({ method: 'POST', url: '/api/staff/accounts', cookies: admin.cookies, payload: { username: '<img src=x onerror=alert(1)>', role: 'trainer' } });
    expect(hostile.statusCode).toBe(400);
  });

  test('a disabled account is signed out everywhere and cannot sign in; an admin cannot disable themselves', async () => {
    const { app } = server();
    const admin = await signInAdmin(app);
    const manager = await signInStaff(app, 'manager');
    expect((await app.inject({ method: 'POST', url: `/api/staff/accounts/${manager.id}/disable`, cookies: admin.cookies })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/cohorts', cookies: manager.cookies })).statusCode).toBe(401);
    const refused = await signInAs(app, manager.username, TEST_PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ error: 'wrong username or password' });
    expect((await app.inject({ method: 'POST', url: `/api/staff/accounts/${admin.id}/disable`, cookies: admin.cookies })).statusCode).toBe(422);
    expect((await app.inject({ method: 'POST', url: `/api/staff/accounts/${crypto.randomUUID()}/disable`, cookies: admin.cookies })).statusCode).toBe(404);
  });
});

// PostgreSQL only: one PGlite folder belongs to one process.
test('sign-in failures are counted in the database: a brute force spread over two instances is stopped', () =>
  withDatabase('postgres', async (_start, target) => {
    const first = await startServer(target);
    // Before the second start, which would replace the first-admin link.
    const victim = await signInStaff(first, 'manager');
    const second = await startServer(target);
    try {
      for (let attempt = 0; attempt < 5; attempt++) expect((await signInAs(attempt % 2 ? first : second, victim.username, `guess ${attempt}`)).statusCode).toBe(401);
      expect((await signInAs(first, victim.username, TEST_PASSWORD)).statusCode).toBe(429);
      expect((await signInAs(second, victim.username, TEST_PASSWORD)).statusCode).toBe(429);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }));
