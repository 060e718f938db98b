import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from './db/store.ts';

/**
 * Sessions live in the database (any instance can serve any request); the browser holds a random
 * token in an HttpOnly, SameSite=Strict cookie, and the database holds only the token's hash, so a
 * copy of the database signs nobody in.
 */

export const SESSION_COOKIE = 'htl_session';
const SESSION_SECONDS = 90 * 24 * 60 * 60;

export interface SessionOptions {
  /** Set behind HTTPS: the browser then never sends the cookie over plain HTTP. */
  secureCookies: boolean;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

/** A fresh session: the token goes to the browser (`setSessionCookie`), its hash to the database. */
export function newSession(): NewSession {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + SESSION_SECONDS * 1000) };
}

export function setSessionCookie(reply: FastifyReply, session: NewSession, options: SessionOptions): void {
  reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', secure: options.secureCookies, path: '/', maxAge: SESSION_SECONDS });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the hook `requireTrainee` adds, on the routes it guards. */
    traineeId: string | null;
  }
}

/** Guards every route of `app`: a request without a live trainee session gets a 401 before its body is read. */
export function requireTrainee(app: FastifyInstance, store: Store): void {
  app.decorateRequest('traineeId', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    request.traineeId = (token && (await store.traineeOfSession(hashToken(token), new Date()))) || null;
    if (!request.traineeId) await reply.code(401).send({ error: 'start a session first (POST /api/trainees)' });
  });
}

export function traineeOf(request: FastifyRequest): string {
  if (!request.traineeId) throw new Error(`${request.url} is served without requireTrainee`);
  return request.traineeId;
}
