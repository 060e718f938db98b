import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Delivery to an LRS (docs/xapi.md): each outbox row carries its statement's id, unique, so a
 * statement made again is not queued twice; a lease, so two instances never post the same row at
 * once; and a row the LRS refused for good is set aside instead of blocking the rest. One row of
 * delivery state tells the admin when the LRS refused the server's credentials.
 */
export const xapiDelivery: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('xapi_outbox')
      .addColumn('statement_id', 'uuid', (c) => c.unique())
      .addColumn('leased_until', 'timestamptz')
      .addColumn('gave_up_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('xapi_delivery')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('halted_at', 'timestamptz')
      .addColumn('halt_status', 'integer')
      .addColumn('halt_detail', 'text')
      .execute();
    await sql`insert into xapi_delivery (id) values (1)`.execute(db);
  },
};
