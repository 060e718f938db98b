import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { build } from 'vite';
import { expect, it } from 'vitest';
import { formatProblem } from '../../src/index.ts';
import { checkLibrary, formatWarning } from '../../tools/checkLibrary.ts';
import { PROJECT_ROOT, readScenarioFile } from '../../tools/library.ts';
import { contentPlugin } from '../../tools/vite-content-plugin.ts';
import { FIXTURES } from '../helpers.ts';

/** The example library with one edit to its scenario. */
function libraryWith(from: string | RegExp, to: string): string {
  const root = mkdtempSync(join(tmpdir(), 'htl-build-'));
  cpSync(FIXTURES, root, { recursive: true });
  const example = join(root, 'dialogues', 'example.yaml');
  const yaml = readFileSync(example, 'utf8');
  const edited = yaml.replace(from, to);
  if (edited === yaml) throw new Error(`the fixture changed: no ${String(from)}`);
  writeFileSync(example, edited);
  return root;
}

/** The example library with its resolved ending cut off: only path analysis can tell. */
const libraryWithUnreachableEnding = () => libraryWith(/(- id: boundary\n(?: {8}.*\n)*? {8}next: )settled/, '$1escalated');

it('refuses to build a library the linter rejects, printing the linter\'s lines and no stack trace', async () => {
  const root = libraryWithUnreachableEnding();
  const linted = checkLibrary([join(root, 'dialogues')]).problems.map(formatProblem);
  expect(linted).toEqual([
    expect.stringMatching(/example\.yaml:nodes\.settled: no path reaches this ending \(line \d+\)$/),
    // Cut off, "boundary" is an escalation the scenario does not teach, and the expert's move.
    expect.stringMatching(/example\.yaml:nodes\.insult\.replies\[0\]: "boundary" is the expert's move at "insult"/),
  ]);

  const refusal: unknown = await build({ root: PROJECT_ROOT, configFile: false, logLevel: 'silent', plugins: [contentPlugin(root)], build: { write: false } }).then(
    () => expect.fail('the build succeeded'),
    (error: unknown) => error,
  );
  // Vite's CLI prints a failed build as "error during build:" and then inspect(error).
  expect(inspect(refusal)).toBe(linted.join('\n'));
});

/** Labelled easy, though a mostly-good trainee resolves it only 56 % of the time (it measures 3): a warning. */
const libraryWithMislabelledDifficulty = () => libraryWith(/^difficulty: 3 /m, 'difficulty: 1 ');

it('builds a library with warnings only, showing them as the linter does', () => {
  const root = libraryWithMislabelledDifficulty();
  const { problems, warnings } = checkLibrary([join(root, 'dialogues')]);
  expect(problems).toEqual([]);
  expect(warnings.map(formatWarning)).toEqual([expect.stringMatching(/example\.yaml:difficulty: warning: labelled 1 \(easy\), but a mostly-good trainee resolves 56 % \(measured 3: 1 needs ≥ 90 %, 2 ≥ 70 %\); change the label or the scenario \(line 4\)$/)]);
  const shown: string[] = [];
  const plugin = contentPlugin(root);
  const configResolved = plugin.configResolved as (config: unknown) => void;
  // The hook that refuses a build with errors lets this one through, printing its warnings.
  expect(() => configResolved({ command: 'build', logger: { warn: (line: string) => shown.push(line) } })).not.toThrow();
  expect(shown).toEqual(warnings.map(formatWarning));
});

it('places warnings on the lines the positioned YAML document gives them', () => {
  const dialogues = join(libraryWithMislabelledDifficulty(), 'dialogues');
  const { warnings } = checkLibrary([dialogues]);
  expect(warnings).toHaveLength(1);
  const parsed = readScenarioFile(join(dialogues, 'example.yaml'));
  if (!parsed.ok) throw new Error('the example does not parse');
  for (const warning of warnings) expect(warning).toEqual(parsed.locate(warning.path.split('.'), warning.message));
});

/** Angry enough, the customer leaves after "boundary": a path scoring 94 overall loses them, which fails the build. */
it('refuses a library where a path scoring 80 or more loses the customer', () => {
  const root = libraryWith(/(- id: boundary\n(?: {8}.*\n)*? {8}next: )settled/, '$1\n          - if: { moodAtLeast: 40 }\n            to: hangs_up\n          - to: settled');
  const { problems, warnings } = checkLibrary([join(root, 'dialogues')]);
  expect(warnings).toEqual([]);
  expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/example\.yaml:nodes\.hangs_up: a path scoring 94 overall ends "customerLost" \(--choices breath,1,breath,1\); no path scoring 80 or more may end/)]);
});
