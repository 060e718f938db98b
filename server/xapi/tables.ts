import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The columns and table migration 0004 (migration.ts) adds for delivery, on top of the schema's. */
// A type, not an interface: Kysely's withTables wants an index signature, which only type literals get.
export type XapiTables = {
  xapi_outbox: {
    /** The statement's own id; null only in rows from before delivery existed. */
    statement_id: string | null;
    /** While in the future, one instance is posting this row and no other takes it. */
    leased_until: Date | null;
    /** The LRS refused this statement for good (a 4xx other than 401, 403 or 409): kept for the admin, not retried. */
    gave_up_at: Date | null;
  };
  xapi_delivery: {
    id: number;
    /** When the LRS last refused the server's credentials; null while delivery runs. */
    halted_at: Date | null;
    halt_status: number | null;
    /** What the LRS said, cut short: shown to the admin as text. */
    halt_detail: string | null;
  };
};

export type XapiDb = Kysely<Database & XapiTables>;

export const withXapiTables = (db: Kysely<Database>): XapiDb => db.withTables<XapiTables>();
