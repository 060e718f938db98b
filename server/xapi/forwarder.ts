import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { retryDelay } from './backoff.ts';
import type { XapiConfig } from './config.ts';
import type { XapiDb } from './tables.ts';

interface Row {
  id: number;
  statement: unknown;
}

/** After a try: the rows were settled (sent, or set aside), or must wait, or the credentials were refused. */
type Outcome = 'settled' | 'failed' | 'halted';

/**
 * How long a delivered row stays. Should a device resend a decision of an attempt older than this,
 * its statements are made and sent again with the same ids and content, which the LRS stores once.
 */
export const DELIVERED_KEPT_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** What the LRS said, kept short: it is stored and shown to the admin as text. */
const DETAIL_CHARS = 500;

/**
 * Sends the outbox to the LRS, oldest first, in batches, one sender per process; any number of
 * processes may share the database. A batch is claimed in a short transaction (`for update skip
 * locked`, then a lease), posted outside it, then marked sent: a row is posted again only if the
 * process that claimed it died before marking it, and then under the same statement id, which the
 * LRS keeps once. Failures wait with exponential backoff and jitter; 401/403 stop the sender until
 * a restart (new credentials), with a message for the admin; a statement the LRS refuses for good
 * (400) is set aside so the rest still go.
 */
export function startForwarder(db: XapiDb, config: XapiConfig, log: FastifyBaseLogger) {
  const settings = {
    batchSize: config.batchSize ?? 50,
    retry: config.retry ?? { baseMs: 1000, maxMs: 5 * 60 * 1000 },
    pollMs: config.pollMs ?? 5000,
    leaseMs: config.leaseMs ?? 60_000,
    requestTimeoutMs: config.requestTimeoutMs ?? 15_000,
  };
  const send = config.fetch ?? fetch;
  const random = config.random ?? Math.random;
  const url = new URL('statements', config.endpoint.endsWith('/') ? config.endpoint : `${config.endpoint}/`).href;
  const authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
  let stopped = false;
  let failures = 0;
  let wakeUp: (() => void) | undefined;

  async function claim(): Promise<Row[]> {
    return db.transaction().execute(async (tx) => {
      const rows = await tx
        .selectFrom('xapi_outbox')
        .select(['id', 'statement'])
        .where('sent_at', 'is', null)
        .where('gave_up_at', 'is', null)
        .where((where) => where.or([where('leased_until', 'is', null), where('leased_until', '<', sql<Date>`now()`)]))
        .orderBy('id')
        .limit(settings.batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length > 0) {
        await tx
          .updateTable('xapi_outbox')
          .set({ leased_until: sql<Date>`now() + ${`${settings.leaseMs} milliseconds`}::interval` })
          .where('id', 'in', rows.map((row) => row.id))
          .execute();
      }
      return rows.map((row) => ({ id: Number(row.id), statement: row.statement }));
    });
  }

  const ids = (rows: readonly Row[]) => rows.map((row) => row.id);

  /** The LRS's status and, unless it accepted, what it said; status 0 when it did not answer. */
  async function post(rows: readonly Row[]): Promise<{ status: number; detail: string }> {
    try {
      const response = await send(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' },
        body: JSON.stringify(rows.map((row) => row.statement)),
        signal: AbortSignal.timeout(settings.requestTimeoutMs),
      });
      const detail = response.ok ? '' : (await response.text().catch(() => '')).slice(0, DETAIL_CHARS);
      return { status: response.status, detail };
    } catch (error) {
      return { status: 0, detail: `the LRS did not answer: ${error instanceof Error ? error.message : String(error)}`.slice(0, DETAIL_CHARS) };
    }
  }

  /** Posts rows; on a refusal that may concern one statement of several, each alone, so one bad statement does not hold back the rest. */
  async function deliver(rows: readonly Row[]): Promise<Outcome> {
    const { status, detail } = await post(rows);
    // 409: the LRS already has a statement with this id. Ids are fixed at creation, so it is this one.
    if ((status >= 200 && status < 300) || (status === 409 && rows.length === 1)) {
      await db.updateTable('xapi_outbox').set({ sent_at: sql<Date>`now()`, leased_until: null, last_error: null, tries: sql<number>`tries + 1` }).where('id', 'in', ids(rows)).execute();
      // Another instance's refusal no longer holds once these credentials work.
      await clearHalt();
      return 'settled';
    }
    if (status === 401 || status === 403) {
      await db.updateTable('xapi_delivery').set({ halted_at: sql<Date>`now()`, halt_status: status, halt_detail: detail }).where('id', '=', 1).execute();
      await release(rows, `the LRS refused the credentials (HTTP ${status})`);
      log.error({ status, detail }, 'the LRS refused the xAPI credentials: no statement is sent until XAPI_USERNAME and XAPI_PASSWORD are fixed and the server restarted');
      return 'halted';
    }
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      if (rows.length === 1) {
        await db.updateTable('xapi_outbox').set({ gave_up_at: sql<Date>`now()`, leased_until: null, last_error: `HTTP ${status}: ${detail}`, tries: sql<number>`tries + 1` }).where('id', 'in', ids(rows)).execute();
        log.error({ status, detail, outboxId: rows[0]?.id }, 'the LRS refused an xAPI statement; it is set aside');
        return 'settled';
      }
      for (const row of rows) {
        const alone = await deliver([row]);
        if (alone !== 'settled') {
          await release(rows.slice(rows.indexOf(row) + 1), null);
          return alone;
        }
      }
      return 'settled';
    }
    await release(rows, status === 0 ? detail : `HTTP ${status}: ${detail}`);
    log.warn({ status, detail }, 'xAPI statements not delivered; trying again later');
    return 'failed';
  }

  let prunedAt = 0;
  /** Delivered rows are kept a while as the record of what was sent, then dropped so the table does not grow forever; idle, at most hourly. */
  async function pruneDelivered(): Promise<void> {
    if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    await db.deleteFrom('xapi_outbox').where('sent_at', '<', sql<Date>`now() - ${`${DELIVERED_KEPT_DAYS} days`}::interval`).execute();
  }

  const clearHalt = () => db.updateTable('xapi_delivery').set({ halted_at: null, halt_status: null, halt_detail: null }).where('halted_at', 'is not', null).execute();

  /** Lets rows go for the next try (by any instance), noting why this one failed. */
  async function release(rows: readonly Row[], error: string | null): Promise<void> {
    if (rows.length === 0) return;
    const failed = error === null ? {} : { last_error: error, tries: sql<number>`tries + 1` };
    await db.updateTable('xapi_outbox').set({ leased_until: null, ...failed }).where('id', 'in', ids(rows)).execute();
  }

  const pause = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      // Backing off, a new statement must not bring the next try forward; only stopping does.
      wakeUp = wakeable ? done : () => (stopped ? done() : undefined);
    });

  async function run(): Promise<void> {
    // A start is how new credentials take effect: the last refusal no longer holds.
    await clearHalt();
    while (!stopped) {
      let outcome: Outcome | 'idle';
      try {
        const rows = await claim();
        outcome = rows.length === 0 ? 'idle' : await deliver(rows);
      } catch (error) {
        // The database, not the LRS: try again like a failed delivery.
        if (stopped) return;
        log.error({ err: error }, 'the xAPI sender could not read or mark the outbox');
        outcome = 'failed';
      }
      if (outcome === 'halted') return;
      if (outcome === 'settled') failures = 0;
      else if (outcome === 'failed') await pause(retryDelay(++failures, settings.retry, random), false);
      else {
        await pruneDelivered();
        await pause(settings.pollMs, true);
      }
    }
  }

  const running = run().catch((error: unknown) => log.error({ err: error }, 'the xAPI sender stopped'));
  return {
    /** New statements are queued: send them now unless the sender is waiting out a failure. */
    wake(): void {
      wakeUp?.();
    },
    /** Stops after the request under way; rows it had claimed are released or left to their lease. */
    async stop(): Promise<void> {
      stopped = true;
      wakeUp?.();
      await running;
    },
  };
}

export type Forwarder = ReturnType<typeof startForwarder>;
