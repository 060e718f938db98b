import { describe, expect, test } from 'vitest';
import { retryDelay } from '../../server/xapi/backoff.ts';
import { xapiConfigFromEnv } from '../../server/xapi/config.ts';

describe('retry delays', () => {
  const retry = { baseMs: 1000, maxMs: 60_000 };

  test('double with each failure up to the cap, jittered between half and all of it', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((failures) => retryDelay(failures, retry, high))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((failures) => retryDelay(failures, retry, low))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelay(30, retry, high)).toBe(60_000);
    expect(retryDelay(30, retry, low)).toBe(30_000);
  });

  test('instances failing together come back at different moments', () => {
    const delays = [0.1, 0.4, 0.7, 0.9].map((draw) => retryDelay(3, retry, () => draw));
    expect(new Set(delays).size).toBe(4);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(2000);
  });
});

describe('LRS settings from the environment', () => {
  const env = { XAPI_ENDPOINT: 'https://lrs.example.com/xAPI/', XAPI_USERNAME: 'key', XAPI_PASSWORD: 'secret' };
  const publicUrl = 'https://training.example.com';

  test('none without XAPI_ENDPOINT; with it, the defaults', () => {
    expect(xapiConfigFromEnv({}, publicUrl)).toBeUndefined();
    expect(xapiConfigFromEnv(env, publicUrl)).toEqual({ endpoint: env.XAPI_ENDPOINT, username: 'key', password: 'secret', homePage: publicUrl, passMark: 70, sendNames: false });
    expect(xapiConfigFromEnv({ ...env, XAPI_PASS_MARK: '80', XAPI_SEND_NAMES: '1' }, publicUrl)).toMatchObject({ passMark: 80, sendNames: true });
  });

  test('a setting that cannot work stops the start with a sentence saying which', () => {
    expect(() => xapiConfigFromEnv({ ...env, XAPI_PASSWORD: '' }, publicUrl)).toThrow(/XAPI_USERNAME and XAPI_PASSWORD/);
    expect(() => xapiConfigFromEnv(env, undefined)).toThrow(/HTL_PUBLIC_URL/);
    expect(() => xapiConfigFromEnv({ ...env, XAPI_ENDPOINT: 'lrs' }, publicUrl)).toThrow(/XAPI_ENDPOINT must be/);
    expect(() => xapiConfigFromEnv({ ...env, XAPI_ENDPOINT: 'https://key:secret@lrs.example.com/xAPI/' }, publicUrl)).toThrow(/must not carry credentials/);
    expect(() => xapiConfigFromEnv({ ...env, XAPI_PASS_MARK: '101' }, publicUrl)).toThrow(/XAPI_PASS_MARK/);
    expect(() => xapiConfigFromEnv({ ...env, XAPI_ENDPOINT: 'http://lrs.example.com/xAPI/' }, publicUrl)).toThrow(/must use https/);
    expect(xapiConfigFromEnv({ ...env, XAPI_ENDPOINT: 'http://127.0.0.1:8081/xAPI/' }, publicUrl)?.endpoint).toBe('http://127.0.0.1:8081/xAPI/');
  });
});
