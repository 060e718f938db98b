/**
 * The server's rules for what staff type (server/routes/schemas.ts, server/auth/passwords.ts),
 * checked here first so a typo is named at once and costs no round trip.
 */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const USERNAME = /^[\p{L}\p{N}._@-]{3,64}$/u;
export const USERNAME_MAX = 64;

/** The text key of what is wrong with a new username, or undefined. */
export function usernameProblem(username: string): string | undefined {
  if (username === '') return 'validation.usernameMissing';
  return USERNAME.test(username) ? undefined : 'validation.usernameFormat';
}
