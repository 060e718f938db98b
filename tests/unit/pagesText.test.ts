import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flattenKeys, LANGUAGES, missingPluralForms, pluralBase } from '../../src/index.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';

/** Each DOM page's own text (locales/<lng>/pages/<page>.json, or a page's folder of parts), found by folder so a new page is checked too. */
const PAGES = readdirSync(join(PROJECT_ROOT, 'locales', 'en', 'pages'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));

const keysOf = (language: string, page: string) => [...flattenKeys(JSON.parse(readFileSync(join(PROJECT_ROOT, 'locales', language, 'pages', page), 'utf8'))).keys()];

it('there are pages to check', () => {
  expect(PAGES).toEqual(expect.arrayContaining(['dashboard.json', 'staff.json', join('live', 'shared.json')]));
});

it.each(PAGES)("%s says everything in every language, with each language's plural forms", (page) => {
  const texts = LANGUAGES.map((language) => ({ language, keys: keysOf(language, page) }));
  const bases = (keys: string[]) => [...new Set(keys.map(pluralBase))].sort();
  for (const { language, keys } of texts) {
    expect(bases(keys), language).toEqual(bases(texts[0]?.keys ?? []));
    expect(missingPluralForms(language, keys), language).toEqual([]);
  }
});
