import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { hashToken } from '../auth/codes.ts';
import { dummyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { signInRetryAfter } from '../auth/signInLimit.ts';
import { staffOf } from '../auth/staffSession.ts';
import type { RouteContext } from '../context.ts';
import type { StaffMember } from '../db/staffStore.ts';
import { clearSessionCookie, newSession, sessionHashOf, setSessionCookie, STAFF_COOKIE } from '../session.ts';
import { passwordBody, setupBody, signInBody } from './schemas.ts';

const WRONG_CREDENTIALS = 'wrong username or password';
const SPENT_LINK = 'this link does not work any more: ask an admin for a new one';
const SPENT_SETUP_LINK = 'this setup link does not work any more: restart the server for a new one, or ask the admin';

/** Usernames compare without case: "Anna" and "anna" are one account. */
export const canonicalUsername = (typed: string): string => typed.normalize('NFC').toLowerCase();

/** Public staff routes: first-admin setup, sign-in and sign-out, and setting a password from a one-time link. */
export function staffAuthRoutes(app: FastifyInstance, context: RouteContext): void {
  const { staff, sessions, clock, signInLimits } = context;
  const signedIn = (reply: FastifyReply, member: StaffMember, session: ReturnType<typeof newSession>) => {
    setSessionCookie(reply, session, sessions, STAFF_COOKIE);
    return { id: member.id, username: member.username, role: member.role };
  };

  app.get('/setup', async () => ({ needed: !(await staff.adminExists()) }));

  app.post<{ Body: { token: string; username: string; password: string } }>('/setup', { schema: { body: setupBody } }, async (request, reply) => {
    const tokenHash = hashToken(request.body.token);
    if (!(await staff.tokenUsable(tokenHash, 'first-admin', clock()))) return reply.code(422).send({ error: SPENT_SETUP_LINK });
    const session = newSession(STAFF_COOKIE, clock());
    const admin = { id: randomUUID(), username: canonicalUsername(request.body.username), passwordHash: await hashPassword(request.body.password) };
    const created = await staff.createFirstAdmin(tokenHash, admin, session, clock());
    if (created === 'invalid') return reply.code(422).send({ error: SPENT_SETUP_LINK });
    if (created === 'taken') return reply.code(409).send({ error: 'this username is taken' });
    return reply.code(201).send(signedIn(reply, created, session));
  });

  app.post<{ Body: { username: string; password: string } }>('/staff/sign-in', { schema: { body: signInBody } }, async (request, reply) => {
    const username = canonicalUsername(request.body.username);
    const now = clock();
    const attempt = await staff.recordSignInAttempt(username, request.ip, now);
    const retryAfter = await signInRetryAfter(staff, username, request.ip, now, signInLimits);
    if (retryAfter !== undefined) {
      await staff.dropSignInAttempt(attempt); // refused unchecked: it does not prolong the wait
      return reply.code(429).header('retry-after', String(retryAfter)).send({ error: `too many failed sign-ins: try again in ${Math.ceil(retryAfter / 60)} min` });
    }
    const account = await staff.byUsername(username);
    // An unknown name is checked against a dummy hash: the same work, the same answer, so names cannot be probed.
    const matches = await verifyPassword(request.body.password, account?.password_hash ?? (await dummyHash()));
    // A failure stays recorded; success forgives the username's failures.
    if (!account || !matches || account.disabled_at) return reply.code(401).send({ error: WRONG_CREDENTIALS });
    await staff.forgiveSignInFailures(username);
    const session = newSession(STAFF_COOKIE, now);
    await staff.startSession(account.id, session);
    return signedIn(reply, account, session);
  });

  app.post('/staff/sign-out', async (request, reply) => {
    const tokenHash = sessionHashOf(request, STAFF_COOKIE);
    if (tokenHash) await staff.endSession(tokenHash);
    clearSessionCookie(reply, sessions, STAFF_COOKIE);
    return reply.code(204).send();
  });

  app.post<{ Body: { token: string; password: string } }>('/staff/password', { schema: { body: passwordBody } }, async (request, reply) => {
    const tokenHash = hashToken(request.body.token);
    // Checked before hashing, so spent links cost the server nothing.
    if (!(await staff.tokenUsable(tokenHash, 'staff-reset', clock()))) return reply.code(422).send({ error: SPENT_LINK });
    const session = newSession(STAFF_COOKIE, clock());
    const member = await staff.setPassword(tokenHash, await hashPassword(request.body.password), session, clock());
    if (!member) return reply.code(422).send({ error: SPENT_LINK });
    return signedIn(reply, member, session);
  });
}

/** Any signed-in staff member; registered behind requireStaff for every role. */
export function staffMeRoutes(app: FastifyInstance): void {
  app.get('/staff/me', async (request) => staffOf(request));
}
