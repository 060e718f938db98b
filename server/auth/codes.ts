import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Random secrets the server hands out, and the hashes it keeps of them (a copy of the database redeems none). */

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A long secret for a cookie or a link: 256 random bits. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Letters and digits nobody confuses when reading a code aloud or copying it by hand (no I, L, O, 0, 1). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** A short code a person types (a join or continue code): 8 characters, about 40 bits, shown as ABCD-EFGH. */
export function randomCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** How a code is shown and sent: ABCD-EFGH. */
export const formatCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/** A typed code in its stored form: case, spaces and dashes do not matter; undefined if it cannot be a code at all. */
export function normalizeCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return code.length === CODE_LENGTH && [...code].every((char) => CODE_ALPHABET.includes(char)) ? code : undefined;
}
