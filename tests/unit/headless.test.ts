import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/cli/project.ts';

const SRC = join(PROJECT_ROOT, 'src');
const sourceFiles = (readdirSync(SRC, { recursive: true }) as string[]).filter((name) => name.endsWith('.ts')).map((name) => join(SRC, name));
/** Code without comments, so prose like "the document." is not mistaken for DOM use. */
const codeOf = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** What the headless core must never do: it runs in Node, and every play must replay the same way. */
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"]phaser['"]|import\(\s*['"]phaser['"]\s*\)|require\(\s*['"]phaser['"]\s*\)/, 'imports Phaser'],
  [/\b(window|document|localStorage|navigator)\s*\./, 'touches the DOM'],
  [/Math\.random\s*\(/, 'uses Math.random'],
  [/Date\.now\s*\(|new Date\s*\(\s*\)/, 'reads the wall clock'],
];

describe('src/ is a headless, deterministic core', () => {
  it('has source files to check', () => {
    expect(sourceFiles.length).toBeGreaterThan(5);
  });

  it.each(FORBIDDEN.map(([pattern, what]) => ({ pattern, what })))('no file under src/ $what', ({ pattern, what }) => {
    const offenders = sourceFiles.filter((file) => pattern.test(codeOf(file))).map((file) => relative(PROJECT_ROOT, file));
    expect(offenders, `these files ${what}`).toEqual([]);
  });

  it('the check itself catches a Phaser import', () => {
    const [pattern] = FORBIDDEN[0] ?? [];
    expect(pattern?.test("import Phaser from 'phaser';")).toBe(true);
  });
});
