import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashToken, randomToken } from './auth/codes.ts';
import type { Store } from './db/store.ts';

/**
 * Sessions live in the database (any instance can serve any request); the browser holds a random
 * token in an HttpOnly, SameSite=Strict cookie, and the database holds only the token's hash, so a
 * copy of the database signs nobody in. A trainee and a staff member have separate cookies.
 */

export const SESSION_COOKIE = 'htl_session';
export const STAFF_COOKIE = 'htl_staff';
const SESSION_SECONDS = { [SESSION_COOKIE]: 90 * 24 * 60 * 60, [STAFF_COOKIE]: 12 * 60 * 60 } as const;
export type SessionCookie = keyof typeof SESSION_SECONDS;

export interface SessionOptions {
  /** Set behind HTTPS: the browser then never sends the cookie over plain HTTP. */
  secureCookies: boolean;
}

export interface NewSession {
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

/** A fresh session: the token goes to the browser (`setSessionCookie`), its hash to the database. */
export function newSession(cookie: SessionCookie = SESSION_COOKIE, now = new Date()): NewSession {
  const token = randomToken();
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SESSION_SECONDS[cookie] * 1000) };
}

export function setSessionCookie(reply: FastifyReply, session: NewSession, options: SessionOptions, cookie: SessionCookie = SESSION_COOKIE): void {
  reply.setCookie(cookie, session.token, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/', maxAge: SESSION_SECONDS[cookie] });
}

export function clearSessionCookie(reply: FastifyReply, options: SessionOptions, cookie: SessionCookie): void {
  reply.clearCookie(cookie, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/' });
}

/** The hash of the session token the request carries in `cookie`, if any. */
export function sessionHashOf(request: FastifyRequest, cookie: SessionCookie): string | undefined {
  const token = request.cookies[cookie];
  return token ? hashToken(token) : undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the hook `requireTrainee` adds, on the routes it guards. */
    traineeId: string | null;
  }
}

/** Guards every route of `app`: a request without a live trainee session gets a 401 before its body is read. */
export function requireTrainee(app: FastifyInstance, store: Pick<Store, 'traineeOfSession'>, clock: () => Date = () => new Date()): void {
  app.decorateRequest('traineeId', null);
  app.addHook('onRequest', async (request, reply) => {
    const tokenHash = sessionHashOf(request, SESSION_COOKIE);
    request.traineeId = (tokenHash && (await store.traineeOfSession(tokenHash, clock()))) || null;
    if (!request.traineeId) await reply.code(401).send({ error: 'start a session first (POST /api/trainees)' });
  });
}

export function traineeOf(request: FastifyRequest): string {
  if (!request.traineeId) throw new Error(`${request.url} is served without requireTrainee`);
  return request.traineeId;
}
