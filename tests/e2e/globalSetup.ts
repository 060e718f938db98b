import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { takeDistLock } from './buildLock.ts';
import { findChromium, serveBuild } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Builds the game once, serves dist/ on loopback, and hands the URL to the browser tests. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  findChromium(); // fail first, and clearly, if there is no browser
  const release = await takeDistLock();
  await build({ root: PROJECT_ROOT, logLevel: 'warn' });
  const server = await serveBuild();
  project.provide('baseUrl', server.url);
  return async () => {
    await server.close();
    release();
  };
}
