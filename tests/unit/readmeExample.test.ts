import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';

/** The README's API example, exactly as printed there: if it stops working, this fails. */
function readmeExample(): string {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  const block = /<!-- api-example -->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no ```ts block after <!-- api-example -->');
  return block;
}

describe('the README API example', () => {
  it('is at most ten lines of code besides imports', () => {
    const code = readmeExample().split('\n').filter((line) => line.trim() !== '' && !line.startsWith('import '));
    expect(code.length).toBeLessThanOrEqual(10);
  });

  it('runs as printed: a customer line, replies with lock state, a move, scores and an explanation', async () => {
    // Imports point at the project, wherever the copy runs from.
    const source = readmeExample().replaceAll("from './", `from '${pathToFileURL(join(PROJECT_ROOT, '/')).href}`);
    const folder = join(PROJECT_ROOT, 'node_modules', '.cache', 'hold-the-line');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'readme-example.ts');
    writeFileSync(file, source);
    const printed: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args));
    try {
      await import(pathToFileURL(file).href);
    } finally {
      log.mockRestore();
    }
    const [[line, replies], [chosen], [skills, explanation]] = printed as [[string, { text: string; locked: boolean }[]], [unknown], [Record<string, number>, { said: string; feedback: string }]];
    expect(line).toMatch(/[А-Яа-я]/);
    expect(replies.length).toBeGreaterThan(1);
    expect(replies.every((reply) => reply.text.length > 0 && typeof reply.locked === 'boolean')).toBe(true);
    expect(chosen).toEqual({ ok: true });
    expect(Object.keys(skills)).toEqual(['calm', 'notPersonal', 'empathy', 'concreteFix']);
    expect(explanation.said).toBe(replies[0]?.text);
    expect(explanation.feedback).toMatch(/[А-Яа-я]/);
  });
});
