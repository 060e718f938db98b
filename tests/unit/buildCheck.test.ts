import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { build } from 'vite';
import { expect, it } from 'vitest';
import { formatProblem } from '../../src/index.ts';
import { checkLibrary } from '../../tools/checkLibrary.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { contentPlugin } from '../../tools/vite-content-plugin.ts';
import { FIXTURES } from '../helpers.ts';

/** The example library with its resolved ending cut off: only path analysis can tell. */
function libraryWithUnreachableEnding(): string {
  const root = mkdtempSync(join(tmpdir(), 'htl-build-'));
  cpSync(FIXTURES, root, { recursive: true });
  const example = join(root, 'dialogues', 'example.yaml');
  const yaml = readFileSync(example, 'utf8');
  const cut = yaml.replace(/(- id: boundary\n(?: {8}.*\n)*? {8}next: )settled/, '$1escalated');
  if (cut === yaml) throw new Error('the fixture changed: no "boundary" reply going to "settled"');
  writeFileSync(example, cut);
  return root;
}

it('refuses to build a library the linter rejects, printing the linter\'s lines and no stack trace', async () => {
  const root = libraryWithUnreachableEnding();
  const linted = checkLibrary([join(root, 'dialogues')]).problems.map(formatProblem);
  expect(linted).toEqual([expect.stringMatching(/example\.yaml:nodes\.settled: no path reaches this ending \(line \d+\)$/)]);

  const refusal: unknown = await build({ root: PROJECT_ROOT, configFile: false, logLevel: 'silent', plugins: [contentPlugin(root)], build: { write: false } }).then(
    () => expect.fail('the build succeeded'),
    (error: unknown) => error,
  );
  // Vite's CLI prints a failed build as "error during build:" and then inspect(error).
  expect(inspect(refusal)).toBe(linted.join('\n'));
});
