import { expect, test } from 'vitest';
import { describeEachDatabase } from './harness.ts';

describeEachDatabase('security headers over plain HTTP', (server) => {
  test('every answer carries the policy and no-store; no HSTS and no upgrade to HTTPS without it', async () => {
    const response = await server().app.inject({ method: 'GET', url: '/api/privacy' });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'self';/);
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const missing = await server().app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBeDefined();
  });
});

describeEachDatabase(
  'security headers behind HTTPS',
  (server) => {
    test('HSTS and upgrade-insecure-requests are added', async () => {
      const response = await server().app.inject({ method: 'GET', url: '/api/privacy' });
      expect(response.headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
      expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    });
  },
  { secureCookies: true },
);
