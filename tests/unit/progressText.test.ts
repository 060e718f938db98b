import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flattenKeys, LANGUAGES, missingPluralForms, pluralBase } from '../../src/index.ts';
import { PROJECT_ROOT } from '../../tools/library.ts';

const keysOf = (language: string) => [...flattenKeys(JSON.parse(readFileSync(join(PROJECT_ROOT, 'locales', language, 'pages', 'progress.json'), 'utf8'))).keys()];

it('the progress page says everything in every language, with each language\'s plural forms', () => {
  const texts = LANGUAGES.map((language) => ({ language, keys: keysOf(language) }));
  const bases = (keys: string[]) => [...new Set(keys.map(pluralBase))].sort();
  for (const { language, keys } of texts) {
    expect(bases(keys), language).toEqual(bases(texts[0]?.keys ?? []));
    expect(missingPluralForms(language, keys), language).toEqual([]);
  }
});
