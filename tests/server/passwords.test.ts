import { expect, test } from 'vitest';
import { hashPassword, NO_PASSWORD, verifyPassword } from '../../server/auth/passwords.ts';

test('a password is stored as salted scrypt (N=2^15, r=8, p=1) that names its parameters, and verifies only itself', async () => {
  const [first, second] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
  expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  expect(first).not.toBe(second); // a salt of its own
  expect(first).not.toContain('correct');
  expect(await verifyPassword('correct horse battery', first)).toBe(true);
  expect(await verifyPassword('correct horse batter', first)).toBe(false);
  expect(await verifyPassword('', NO_PASSWORD)).toBe(false);
  expect(await verifyPassword('!', NO_PASSWORD)).toBe(false);
});
