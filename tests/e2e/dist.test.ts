import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';

// Runs after globalSetup's build: dist/ is what a deploy would copy.
it('dist/ holds the deployable game only: its pages, no tests/, no tool bundles', () => {
  const files = readdirSync(join(PROJECT_ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).map((file) => file.replaceAll('\\', '/'));
  const pages = readdirSync(PROJECT_ROOT).filter((file) => file.endsWith('.html'));
  expect(pages).toContain('index.html');
  expect(files.filter((file) => file.endsWith('.html')).sort()).toEqual(pages.sort());
  expect(files.filter((file) => file.startsWith('tests') || file.endsWith('.mjs'))).toEqual([]);
  // Beside the pages and assets/, only the offline service worker and its Workbox runtime (vite.config.ts), and the chunk manifest.
  expect(files.filter((file) => !file.startsWith('assets') && !file.endsWith('.html') && file !== '.vite').sort()).toEqual(['.vite/chunks.json', 'sw.js', expect.stringMatching(/^workbox-[\w-]+\.js$/)]);

  // The command-line tools and benchmarks are bundled by npm scripts; none may write into dist/.
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const outputs = Object.values(scripts).flatMap((script) => [...script.matchAll(/--(?:outfile|outdir)[= ](\S+)/g)].map((match) => match[1]));
  expect(outputs.length).toBeGreaterThan(0);
  expect(outputs.filter((output) => !output?.startsWith('node_modules/.cache/hold-the-line/'))).toEqual([]);
});
