import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';

/** The project stands alone: a fresh clone's README and docs link only to files that are in it. */
const documents = ['README.md', ...readdirSync(join(PROJECT_ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join('docs', name))];

/** Markdown links and image sources, without their #fragment. */
function linkTargets(markdown: string): string[] {
  const inline = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] ?? '');
  const images = [...markdown.matchAll(/<img[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1] ?? '');
  return [...inline, ...images].map((target) => target.split('#')[0] ?? '').filter((target) => target !== '');
}

describe('README and docs/ link only inside the repository', () => {
  it('finds documents to check', () => {
    expect(documents).toEqual(expect.arrayContaining(['README.md', join('docs', 'principles.md'), join('docs', 'authoring.md')]));
  });

  it.each(documents)('%s: every link resolves to a file in the repository', (document) => {
    const text = readFileSync(join(PROJECT_ROOT, document), 'utf8');
    const broken = linkTargets(text)
      .filter((target) => !/^https?:\/\//.test(target))
      .filter((target) => {
        const file = resolve(PROJECT_ROOT, dirname(document), target);
        return relative(PROJECT_ROOT, file).startsWith('..') || !existsSync(file);
      });
    expect(broken).toEqual([]);
    expect(text).not.toMatch(/\.\.\/shared|shared\/(design|seeds|reviews)/);
  });
});
