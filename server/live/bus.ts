import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import pg from 'pg';
import { notificationSourceOf } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

/** What a channel's notifications are handed to (the payload, at most 8,000 bytes: PostgreSQL's limit). */
export type Handlers = Record<string, (payload: string) => void>;

/** Stops listening. */
export type Unlisten = () => Promise<void>;

/** After a lost LISTEN connection, the next try this much later. */
const RECONNECT_MS = 1_000;

/**
 * PostgreSQL's LISTEN/NOTIFY between the server instances on one database (docs/live.md,
 * "Server"): the only channel they share, no other service. PGlite runs PostgreSQL in this
 * process and delivers NOTIFY to its own listeners, so one instance on PGlite takes the same path.
 * On PostgreSQL, LISTEN holds a connection of its own; when it is lost, notifications sent
 * meanwhile are lost too, so `resync` runs after each reconnection to catch up from the tables.
 */
export function listen(db: Kysely<Database>, handlers: Handlers, resync: () => void, onError: (error: unknown) => void): Promise<Unlisten> {
  const source = notificationSourceOf(db);
  return typeof source === 'string' ? listenOnPostgres(source, handlers, resync, onError) : listenOnPglite(source, handlers);
}

/** NOTIFY from `db` (in a transaction: heard when it commits, never if it rolls back). */
export async function notify(db: QueryExecutorProvider, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

async function listenOnPglite(pglite: PGlite, handlers: Handlers): Promise<Unlisten> {
  const stops = await Promise.all(Object.entries(handlers).map(([channel, handler]) => pglite.listen(channel, handler)));
  return async () => {
    // A closed PGlite (the server shutting down) has no listeners left to remove.
    if (!pglite.closed) await Promise.all(stops.map((stop) => stop()));
  };
}

async function listenOnPostgres(url: string, handlers: Handlers, resync: () => void, onError: (error: unknown) => void): Promise<Unlisten> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => handlers[message.channel]?.(message.payload ?? ''));
    // Lost (the database restarted, an administrator ended it): listen again on a new connection, then catch up.
    next.on('error', (error) => {
      onError(error);
      lost(next);
    });
    next.on('end', () => lost(next));
    await next.connect();
    for (const channel of Object.keys(handlers)) await next.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  const lost = (which: pg.Client) => {
    if (client !== which || closed) return;
    client = null;
    which.end().catch(() => undefined);
    const again = () => {
      retry = setTimeout(() => {
        if (closed) return;
        connect().then(resync, (error: unknown) => {
          onError(error);
          again();
        });
      }, RECONNECT_MS);
    };
    again();
  };

  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end();
  };
}

/** Each stored event of a live room, as `<room id>:<seq>` (server/live/roomStore.ts). */
export const EVENTS_CHANNEL = 'live_events';
/** An event was forwarded to a room's owner: `<room id>`. */
export const COMMANDS_CHANNEL = 'live_commands';
/** The owner's verdict on a forwarded event: `<command id>:<verdict as JSON>`. */
export const VERDICTS_CHANNEL = 'live_verdicts';
