import type { FastifyInstance } from 'fastify';
import type { LrsStatus } from '../../src/index.ts';
import type { XapiConfig } from '../../server/xapi/config.ts';
import type { Cookies } from './harness.ts';
import { LRS_PASSWORD, LRS_USERNAME, type Lrs } from './lrs.ts';

/** Watching the team server deliver to the test LRS: every POST it made, and bounded waits. */

export const HOME = 'https://training.example.com';

/** The team server's xAPI settings for the test LRS, with waits short enough for tests. */
export const xapiConfigFor = (lrs: Lrs, overrides: Partial<XapiConfig> = {}): XapiConfig => ({
  endpoint: lrs.endpoint,
  username: LRS_USERNAME,
  password: LRS_PASSWORD,
  homePage: HOME,
  passMark: 70,
  sendNames: false,
  retry: { baseMs: 20, maxMs: 200 },
  pollMs: 50,
  ...overrides,
});

export interface Post {
  status: number;
  ids: string[];
}

/** The real fetch, noting each POST's statement ids and the LRS's answer (0: no answer). */
export function recordingFetch(): { fetch: typeof fetch; posts: Post[]; deliveredTimes(id: string): number } {
  const posts: Post[] = [];
  const recording: typeof fetch = async (input, init) => {
    const ids = (JSON.parse(String(init?.body)) as { id: string }[]).map((statement) => statement.id);
    try {
      const response = await fetch(input, init);
      posts.push({ status: response.status, ids });
      return response;
    } catch (error) {
      posts.push({ status: 0, ids });
      throw error;
    }
  };
  // A 409 for one statement is the LRS saying it has it already: delivered too.
  const delivered = (post: Post) => (post.status >= 200 && post.status < 300) || (post.status === 409 && post.ids.length === 1);
  return { fetch: recording, posts, deliveredTimes: (id) => posts.filter((post) => delivered(post) && post.ids.includes(id)).length };
}

/** Polls `read` until `done` holds, for at most `withinMs`; the last value read, or a failure saying what was awaited. */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, withinMs = 15_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`waited ${withinMs} ms for ${what}; last saw ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

export async function lrsStatusOf(app: FastifyInstance, cookies: Cookies): Promise<LrsStatus> {
  const response = await app.inject({ method: 'GET', url: '/api/staff/lrs-status', cookies });
  if (response.statusCode !== 200) throw new Error(`GET /api/staff/lrs-status: ${response.statusCode} ${response.body}`);
  return response.json();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
