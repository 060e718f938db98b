import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashToken, randomToken } from '../auth/codes.ts';
import { NO_PASSWORD } from '../auth/passwords.ts';
import { staffOf } from '../auth/staffSession.ts';
import type { RouteContext } from '../context.ts';
import type { StaffRole } from '../db/schema.ts';
import { originOf } from '../origin.ts';
import { accountBody, idParams, retentionBody } from './schemas.ts';
import { canonicalUsername } from './staff.ts';

const RESET_LINK_HOURS = 72;

/** Admin only: staff accounts, their set-password links, and the retention period. */
export function adminRoutes(app: FastifyInstance, context: RouteContext): void {
  const { staff, privacy, clock } = context;
  /** A one-time set-password link, valid for 72 hours; the database keeps only its hash. */
  const resetLink = (request: FastifyRequest) => {
    const token = randomToken();
    return { tokenHash: hashToken(token), expiresAt: new Date(clock().getTime() + RESET_LINK_HOURS * 3_600_000), link: `${originOf(request, context.publicUrl)}/staff.html#reset=${token}` };
  };

  app.get('/staff/accounts', async () => ({
    accounts: (await staff.accounts()).map(({ disabled_at, ...account }) => ({ ...account, disabled: disabled_at !== null })),
  }));

  app.post<{ Body: { username: string; role: StaffRole } }>('/staff/accounts', { schema: { body: accountBody } }, async (request, reply) => {
    const account = { id: randomUUID(), username: canonicalUsername(request.body.username), role: request.body.role };
    const link = resetLink(request);
    if ((await staff.createAccount(account, link, NO_PASSWORD)) === 'taken') return reply.code(409).send({ error: 'this username is taken' });
    return reply.code(201).send({ ...account, link: link.link });
  });

  app.post<{ Params: { id: string } }>('/staff/accounts/:id/reset-link', { schema: { params: idParams } }, async (request, reply) => {
    const link = resetLink(request);
    if (!(await staff.replaceResetToken(request.params.id, link))) return reply.code(404).send({ error: 'no such account' });
    return reply.code(201).send({ link: link.link });
  });

  app.post<{ Params: { id: string } }>('/staff/accounts/:id/disable', { schema: { params: idParams } }, async (request, reply) => {
    if (request.params.id === staffOf(request).id) return reply.code(422).send({ error: 'you cannot disable your own account' });
    if (!(await staff.disable(request.params.id, clock()))) return reply.code(404).send({ error: 'no such account' });
    return reply.code(204).send();
  });

  app.put<{ Body: { days: number | null } }>('/settings/retention', { schema: { body: retentionBody } }, async (request) => {
    await privacy.setRetentionDays(request.body.days);
    return { retentionDays: request.body.days };
  });
}
