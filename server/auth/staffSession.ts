import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffRole } from '../db/schema.ts';
import type { StaffMember, StaffStore } from '../db/staffStore.ts';
import { sessionHashOf, STAFF_COOKIE } from '../session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the hook `requireStaff` adds, on the routes it guards. */
    staff: StaffMember | null;
  }
}

/**
 * Guards every route of `app` for the given roles (least privilege: each group of routes names
 * who may use it). No live staff session is a 401, a role not listed a 403, both before the body is read.
 */
export function requireStaff(app: FastifyInstance, staff: Pick<StaffStore, 'staffOfSession'>, roles: readonly StaffRole[], clock: () => Date): void {
  app.decorateRequest('staff', null);
  app.addHook('onRequest', async (request, reply) => {
    const tokenHash = sessionHashOf(request, STAFF_COOKIE);
    request.staff = (tokenHash && (await staff.staffOfSession(tokenHash, clock()))) || null;
    if (!request.staff) return reply.code(401).send({ error: 'sign in first' });
    if (!roles.includes(request.staff.role)) return reply.code(403).send({ error: `this needs the role ${roles.join(' or ')}` });
  });
}

export function staffOf(request: FastifyRequest): StaffMember {
  if (!request.staff) throw new Error(`${request.url} is served without requireStaff`);
  return request.staff;
}
