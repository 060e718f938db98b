import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RESULT_EXTENSIONS, scoreChoices, statementId, VERBS, type Choice } from '../../src/index.ts';
import { xapiProblems } from '../unit/xapiValidation.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { DELIVERED_KEPT_DAYS } from '../../server/xapi/forwarder.ts';
import { withXapiTables } from '../../server/xapi/tables.ts';
import { DATABASES, signIn, signInAdmin, signInStaff, withDatabase, type Cookies } from './harness.ts';
import { startLrs, type Lrs } from './lrs.ts';
import { HOME, lrsStatusOf, recordingFetch, sleep, waitFor, xapiConfigFor } from './lrsDelivery.ts';
import { decide, firstVersion, getAttempt, nextLegal, playThrough, startAttempt } from './play.ts';

type Statement = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The ids an attempt's statements must have, in the order they happen. */
const expectedIds = (attempt: string, decisions: number) => [
  statementId(attempt, 'attempted'),
  ...Array.from({ length: decisions }, (_, index) => statementId(attempt, `decision/${index}`)),
  statementId(attempt, 'completed'),
  statementId(attempt, 'passed-or-failed'),
];

/** Plays one whole attempt through the HTTP API, noting every response body the device received. */
async function playOne(app: FastifyInstance, cookies: Cookies, bodies: string[] = []): Promise<{ attempt: string; choices: Choice[] }> {
  const attempt = await startAttempt(app, cookies);
  const choices = await playThrough(() => app, cookies, attempt);
  bodies.push((await getAttempt(app, cookies, attempt)).body);
  return { attempt, choices };
}

const arrived = (lrs: Lrs, attempt: string, count: number) =>
  waitFor(`${count} statements of attempt ${attempt} in the LRS`, () => lrs.statements({ registration: attempt }), (found) => found.length >= count);

describe.each(DATABASES)('xAPI to a real LRS (%s)', (kind) => {
  let lrs: Lrs;
  beforeAll(async () => {
    lrs = await startLrs();
  });
  afterAll(() => lrs?.close());

  test('a played attempt arrives in the LRS: valid statements, each once, scored by the server', () =>
    withDatabase(kind, async (start) => {
      const sent = recordingFetch();
      const app = await start({ xapi: xapiConfigFor(lrs, { fetch: sent.fetch }) });
      try {
        const bodies: string[] = [];
        const { attempt, choices } = await playOne(app, await signIn(app, 'Dana Typed-Name'), bodies);
        const ids = expectedIds(attempt, choices.length);
        const found = await arrived(lrs, attempt, ids.length);
        const byId = new Map(found.map((statement) => [statement.id as string, statement as Statement]));
        expect([...byId.keys()].sort()).toEqual([...ids].sort());
        for (const statement of found) expect(xapiProblems(statement), JSON.stringify(statement)).toEqual([]);
        for (const id of ids) expect(sent.deliveredTimes(id), id).toBe(1);

        const inOrder = ids.map((id) => byId.get(id) as Statement);
        const expected = scoreChoices(firstVersion().scenario, choices);
        if (!expected.ok) throw new Error(expected.error);
        const { report } = expected;
        expect(inOrder.map((statement) => statement.verb.id)).toEqual([
          VERBS.attempted.id,
          ...choices.map((choice) => (choice.kind === 'breath' ? VERBS.breathed.id : VERBS.answered.id)),
          VERBS.completed.id,
          report.overall >= 70 ? VERBS.passed.id : VERBS.failed.id,
        ]);
        const judged = inOrder.at(-1) as Statement;
        expect(judged.result.score).toMatchObject({ raw: report.overall, scaled: report.overall / 100 });
        expect(judged.result.extensions[RESULT_EXTENSIONS.skills]).toEqual(report.skills);
        const stored = JSON.parse(bodies[0] as string);
        inOrder.slice(1, -2).forEach((statement, index) => {
          expect(statement.result.extensions[RESULT_EXTENSIONS.moodAfter]).toBe(stored.decisions[index].moodAfter);
          expect(statement.result.extensions[RESULT_EXTENSIONS.skills]).toEqual(report.decisions[index]?.skills);
        });
        // The trainee is an account on the team server; the name they typed never leaves it.
        const actors = new Set(found.map((statement) => JSON.stringify(statement.actor)));
        expect(actors.size).toBe(1);
        expect(JSON.parse([...actors][0] as string)).toEqual({ objectType: 'Agent', account: { homePage: HOME, name: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
        expect(JSON.stringify(found)).not.toContain('Typed-Name');
        // Nothing of xAPI reaches the device: no statement, id, endpoint or credential in what it was answered.
        for (const body of bodies) for (const secret of [lrs.endpoint, 'xapi', ...ids]) expect(body).not.toContain(secret);
      } finally {
        await app.close();
      }
    }));

  test('with the LRS down play goes on and the outbox fills; back up, everything arrives exactly once and nothing delivered is sent again', { timeout: 60_000 }, () =>
    withDatabase(kind, async (start) => {
      const sent = recordingFetch();
      const app = await start({ xapi: xapiConfigFor(lrs, { fetch: sent.fetch }) });
      try {
        const admin = await signInAdmin(app);
        const cookies = await signIn(app);
        const before = await playOne(app, cookies);
        const beforeIds = expectedIds(before.attempt, before.choices.length);
        await arrived(lrs, before.attempt, beforeIds.length);

        await lrs.stop();
        const during = await playOne(app, cookies);
        const duringIds = expectedIds(during.attempt, during.choices.length);
        const waiting = await waitFor('the outbox to hold the attempt played while the LRS was down', () => lrsStatusOf(app, admin.cookies), (status) => status.pending === duringIds.length && status.lastError !== null);
        expect(waiting).toMatchObject({ configured: true, halted: null, delivered: beforeIds.length, rejected: 0 });
        expect(waiting.lastError).toMatch(/did not answer/);
        const failedTries = sent.posts.filter((post) => post.status === 0).length;
        expect(failedTries).toBeGreaterThan(0);

        // The LRS comes back empty (it keeps statements in memory): only what it never had may arrive.
        await lrs.restart();
        await arrived(lrs, during.attempt, duringIds.length);
        await waitFor('the outbox to empty', () => lrsStatusOf(app, admin.cookies), (status) => status.pending === 0);
        await sleep(300); // several idle rounds of the sender (every 50 ms)
        const held = await lrs.statements();
        expect(held.map((statement) => statement.id).sort()).toEqual([...duringIds].sort());
        for (const id of [...beforeIds, ...duringIds]) expect(sent.deliveredTimes(id), id).toBe(1);
        expect(await lrsStatusOf(app, admin.cookies)).toMatchObject({ pending: 0, delivered: beforeIds.length + duringIds.length, lastError: null });
      } finally {
        await app.close();
      }
    }));

  test('a 401 stops the retries and the admin sees why; new credentials and a restart deliver what waited', () =>
    withDatabase(kind, async (start) => {
      const secret = 'wrong-secret-5c1f';
      const sent = recordingFetch();
      const wrong = await start({ xapi: xapiConfigFor(lrs, { password: secret, fetch: sent.fetch }) });
      const admin = await signInAdmin(wrong);
      const cookies = await signIn(wrong);
      let attempt: string;
      let count: number;
      try {
        const played = await playOne(wrong, cookies);
        attempt = played.attempt;
        count = played.choices.length + 3;
        const halted = await waitFor('the sender to halt', () => lrsStatusOf(wrong, admin.cookies), (status) => status.halted !== null);
        expect(halted.halted).toMatchObject({ status: 401, detail: expect.stringContaining('Unauthorised') });
        expect(halted.pending).toBe(count);
        const tries = sent.posts.length;
        await sleep(400); // with a 20 ms base, a sender still retrying would have tried again several times
        expect(sent.posts.length).toBe(tries);
        expect(sent.posts.every((post) => post.status === 401)).toBe(true);
        // The admin sees it, no one else does, and no response carries the credentials.
        const seen = await wrong.inject({ method: 'GET', url: '/api/staff/lrs-status', cookies: admin.cookies });
        expect(seen.body).not.toContain(secret);
        const manager = await signInStaff(wrong, 'manager');
        expect((await wrong.inject({ method: 'GET', url: '/api/staff/lrs-status', cookies: manager.cookies })).statusCode).toBe(403);
        expect((await wrong.inject({ method: 'GET', url: '/api/staff/lrs-status', cookies })).statusCode).toBe(401);
      } finally {
        await wrong.close();
      }
      const fixed = await start({ xapi: xapiConfigFor(lrs) });
      try {
        await arrived(lrs, attempt, count);
        expect(await lrsStatusOf(fixed, admin.cookies)).toMatchObject({ halted: null, pending: 0 });
      } finally {
        await fixed.close();
      }
    }));

  test('a decision whose statements cannot be queued is not acknowledged, and the device\'s retry queues them', () =>
    withDatabase(kind, async (start, target) => {
      // The outbox refuses its second insert (the first decision's), once: a sequence does not roll back with the failure.
      const setup = await openDatabase(target);
      await sql`create sequence outbox_inserts`.execute(setup);
      await sql`create function refuse_second_insert() returns trigger language plpgsql as $$ begin if nextval('outbox_inserts') = 2 then raise exception 'the outbox is unavailable'; end if; return null; end $$`.execute(setup);
      await sql`create trigger refuse_second_insert before insert on xapi_outbox for each statement execute function refuse_second_insert()`.execute(setup);
      await setup.destroy();
      const sent = recordingFetch();
      const app = await start({ xapi: xapiConfigFor(lrs, { fetch: sent.fetch }) });
      try {
        const cookies = await signIn(app);
        const attempt = await startAttempt(app, cookies);
        const opening = nextLegal([]) as Choice;
        const decisionId = crypto.randomUUID();
        expect((await decide(app, cookies, attempt, 0, opening, decisionId)).statusCode).toBe(500);
        expect((await decide(app, cookies, attempt, 0, opening, decisionId)).statusCode).toBe(200);
        const choices = await playThrough(() => app, cookies, attempt, [opening]);
        const ids = expectedIds(attempt, choices.length);
        const found = await arrived(lrs, attempt, ids.length);
        expect(found.map((statement) => statement.id).sort()).toEqual([...ids].sort());
        for (const id of ids) expect(sent.deliveredTimes(id), id).toBe(1);
      } finally {
        await app.close();
      }
    }));

  test(`delivered statements are dropped after ${DELIVERED_KEPT_DAYS} days; waiting ones never are`, () =>
    withDatabase(kind, async (start, target) => {
      const first = await start();
      const { attempt } = await playOne(first, await signIn(first));
      await first.close();
      const db = withXapiTables(await openDatabase(target));
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
      try {
        const { trainee_id } = await db.selectFrom('attempts').select('trainee_id').where('id', '=', attempt).executeTakeFirstOrThrow();
        const row = (name: string, sentDaysAgo: number | null) => ({
          trainee_id,
          attempt_id: attempt,
          statement_id: statementId(attempt, name),
          statement: JSON.stringify({ id: statementId(attempt, name) }),
          created_at: daysAgo(40),
          sent_at: sentDaysAgo === null ? null : daysAgo(sentDaysAgo),
        });
        // The waiting one is malformed on purpose: the LRS refuses it, and it is kept for the admin.
        await db.insertInto('xapi_outbox').values([row('old', DELIVERED_KEPT_DAYS + 1), row('recent', DELIVERED_KEPT_DAYS - 1), row('waiting', null)]).execute();
      } finally {
        await db.destroy();
      }
      const app = await start({ xapi: xapiConfigFor(lrs) });
      try {
        const admin = await signInAdmin(app);
        const status = await waitFor('the old delivered row to go', () => lrsStatusOf(app, admin.cookies), (current) => current.delivered === 1 && current.pending === 0);
        expect(status).toMatchObject({ delivered: 1, rejected: 1 });
      } finally {
        await app.close();
      }
    }));

  test('without an LRS configured nothing is queued and the admin is told so', () =>
    withDatabase(kind, async (start) => {
      const app = await start();
      try {
        const admin = await signInAdmin(app);
        await playOne(app, await signIn(app));
        expect(await lrsStatusOf(app, admin.cookies)).toEqual({ configured: false, endpoint: null, halted: null, pending: 0, delivered: 0, rejected: 0, oldestPendingAt: null, lastError: null });
      } finally {
        await app.close();
      }
    }));
});
