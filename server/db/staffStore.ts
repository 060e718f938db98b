import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database, StaffRole, TokenPurpose } from './schema.ts';

/** Staff accounts, their sessions and one-time links, and the sign-in failures the rate limit counts. */

export interface StaffMember {
  id: string;
  username: string;
  role: StaffRole;
}

interface NewSessionRow {
  tokenHash: string;
  expiresAt: Date;
}

type Db = Kysely<Database> | Transaction<Database>;

const STAFF_COLUMNS = ['staff.id', 'staff.username', 'staff.role'] as const;

export function createStaffStore(db: Kysely<Database>) {
  return {
    async adminExists(): Promise<boolean> {
      return Boolean(await db.selectFrom('staff').select('id').where('role', '=', 'admin').executeTakeFirst());
    },

    /** Replaces any earlier first-admin link with this one, unless an admin exists (then false). */
    async replaceFirstAdminToken(tokenHash: string): Promise<boolean> {
      return db.transaction().execute(async (tx) => {
        if (await tx.selectFrom('staff').select('id').where('role', '=', 'admin').executeTakeFirst()) return false;
        await tx.deleteFrom('one_time_tokens').where('purpose', '=', 'first-admin').execute();
        await tx.insertInto('one_time_tokens').values({ token_hash: tokenHash, purpose: 'first-admin' }).execute();
        return true;
      });
    },

    /** Whether a link can still be used, checked before the costly password hash; `use*` re-checks atomically. */
    async tokenUsable(tokenHash: string, purpose: TokenPurpose, now: Date): Promise<boolean> {
      return Boolean(await db.selectFrom('one_time_tokens').select('token_hash').where(usable(tokenHash, purpose, now)).executeTakeFirst());
    },

    /** Uses the first-admin link: the admin and their session, or 'invalid' (used, voided, or an admin exists), or 'taken'. */
    async createFirstAdmin(tokenHash: string, admin: { id: string; username: string; passwordHash: string }, session: NewSessionRow, now: Date): Promise<StaffMember | 'invalid' | 'taken'> {
      return db.transaction().execute(async (tx) => {
        if (!(await useToken(tx, tokenHash, 'first-admin', now))) return 'invalid';
        if (await tx.selectFrom('staff').select('id').where('role', '=', 'admin').executeTakeFirst()) return 'invalid';
        if (await idOfUsername(tx, admin.username)) return 'taken';
        await tx.insertInto('staff').values({ id: admin.id, username: admin.username, password_hash: admin.passwordHash, role: 'admin' }).execute();
        await insertSession(tx, admin.id, session);
        return { id: admin.id, username: admin.username, role: 'admin' };
      });
    },

    /** For sign-in: the account by username, disabled or not. */
    async byUsername(username: string) {
      return db.selectFrom('staff').select([...STAFF_COLUMNS, 'staff.password_hash', 'staff.disabled_at']).where('username', '=', username).executeTakeFirst();
    },

    startSession: (staffId: string, session: NewSessionRow) => insertSession(db, staffId, session),

    /** The staff member a session token belongs to, unless it expired or the account is disabled. */
    async staffOfSession(tokenHash: string, now: Date): Promise<StaffMember | undefined> {
      return db
        .selectFrom('sessions')
        .innerJoin('staff', 'staff.id', 'sessions.staff_id')
        .select(STAFF_COLUMNS)
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', now)
        .where('staff.disabled_at', 'is', null)
        .executeTakeFirst();
    },

    async endSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },

    async accounts() {
      return db.selectFrom('staff').select(['id', 'username', 'role', 'disabled_at']).orderBy('created_at').orderBy('username').execute();
    },

    /** A new account without a password, and the link that sets one; 'taken' if the username is. */
    async createAccount(account: StaffMember, link: { tokenHash: string; expiresAt: Date }, passwordPlaceholder: string): Promise<'created' | 'taken'> {
      return db.transaction().execute(async (tx) => {
        if (await idOfUsername(tx, account.username)) return 'taken';
        await tx.insertInto('staff').values({ ...account, password_hash: passwordPlaceholder }).execute();
        await tx.insertInto('one_time_tokens').values({ token_hash: link.tokenHash, purpose: 'staff-reset', staff_id: account.id, expires_at: link.expiresAt }).execute();
        return 'created';
      });
    },

    /** A set-password link for an account, replacing its unused ones; false if there is no such account. */
    async replaceResetToken(staffId: string, link: { tokenHash: string; expiresAt: Date }): Promise<boolean> {
      return db.transaction().execute(async (tx) => {
        if (!(await tx.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst())) return false;
        await tx.deleteFrom('one_time_tokens').where('purpose', '=', 'staff-reset').where('staff_id', '=', staffId).where('used_at', 'is', null).execute();
        await tx.insertInto('one_time_tokens').values({ token_hash: link.tokenHash, purpose: 'staff-reset', staff_id: staffId, expires_at: link.expiresAt }).execute();
        return true;
      });
    },

    /**
     * Uses a set-password link: the new password, the account enabled again, every other session
     * ended and a new one started. Undefined if the link is unknown, used or expired.
     */
    async setPassword(tokenHash: string, passwordHash: string, session: NewSessionRow, now: Date): Promise<StaffMember | undefined> {
      return db.transaction().execute(async (tx) => {
        const staffId = (await useToken(tx, tokenHash, 'staff-reset', now))?.staffId;
        if (!staffId) return undefined;
        const member = await tx.updateTable('staff').set({ password_hash: passwordHash, disabled_at: null }).where('id', '=', staffId).returning(['id', 'username', 'role']).executeTakeFirstOrThrow();
        await tx.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
        await insertSession(tx, staffId, session);
        return member;
      });
    },

    /** Disables an account and ends its sessions; false if there is no such account. */
    async disable(staffId: string, now: Date): Promise<boolean> {
      return db.transaction().execute(async (tx) => {
        const updated = await tx.updateTable('staff').set({ disabled_at: now }).where('id', '=', staffId).returning('id').executeTakeFirst();
        await tx.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
        await tx.deleteFrom('one_time_tokens').where('staff_id', '=', staffId).where('used_at', 'is', null).execute();
        return Boolean(updated);
      });
    },

    /**
     * Counts a sign-in attempt as a failure before the password is checked, so parallel guesses
     * see each other; `dropSignInAttempt` takes it back when the attempt is refused unchecked.
     */
    async recordSignInAttempt(username: string, ip: string, at: Date): Promise<number> {
      return (await db.insertInto('sign_in_failures').values({ username, ip, at }).returning('id').executeTakeFirstOrThrow()).id;
    },

    async dropSignInAttempt(id: number): Promise<void> {
      await db.deleteFrom('sign_in_failures').where('id', '=', id).execute();
    },

    /** The newest `limit` failures since `since` for the username and for the address, newest first. */
    async recentSignInFailures(username: string, ip: string, since: Date, limit: { username: number; ip: number }) {
      const newest = (column: 'username' | 'ip', value: string, count: number) =>
        db.selectFrom('sign_in_failures').select('at').where(column, '=', value).where('at', '>', since).orderBy('at', 'desc').limit(count).execute();
      const [byUsername, byIp] = await Promise.all([newest('username', username, limit.username), newest('ip', ip, limit.ip)]);
      return { byUsername: byUsername.map((row) => row.at), byIp: byIp.map((row) => row.at) };
    },

    /** A successful sign-in forgives its username's failures (not its address's: one address may try many names). */
    async forgiveSignInFailures(username: string): Promise<void> {
      await db.deleteFrom('sign_in_failures').where('username', '=', username).execute();
    },
  };
}

export type StaffStore = ReturnType<typeof createStaffStore>;

/** A token of this purpose, not used and not expired. */
const usable = (tokenHash: string, purpose: TokenPurpose, now: Date) => (where: ExpressionBuilder<Database, 'one_time_tokens'>) =>
  where.and([
    where('token_hash', '=', tokenHash),
    where('purpose', '=', purpose),
    where('used_at', 'is', null),
    where.or([where('expires_at', 'is', null), where('expires_at', '>', now)]),
  ]);

/** Marks a token used, atomically (two requests with one token: one wins); whom it was for, or undefined if it was not usable. */
export async function useToken(db: Db, tokenHash: string, purpose: TokenPurpose, now: Date): Promise<{ staffId: string | null; traineeId: string | null } | undefined> {
  const used = await db.updateTable('one_time_tokens').set({ used_at: now }).where(usable(tokenHash, purpose, now)).returning(['staff_id', 'trainee_id']).executeTakeFirst();
  return used && { staffId: used.staff_id, traineeId: used.trainee_id };
}

async function idOfUsername(db: Db, username: string) {
  return db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
}

async function insertSession(db: Db, staffId: string, session: NewSessionRow): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: session.tokenHash, staff_id: staffId, expires_at: session.expiresAt }).execute();
}
