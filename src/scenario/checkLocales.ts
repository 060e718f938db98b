import { flattenKeys, requiredLineIds } from './lineIds.ts';
import type { Problem } from './problems.ts';
import type { Scenario } from './schema.ts';

/** A parsed locale file, or why it could not be read. */
export type LocaleFile = { file: string; data: unknown } | { file: string; error: string };

/** Every line id the scenario needs must be non-empty text in every language, and no language may carry unused keys. */
export function checkScenarioText(scenario: Scenario, locales: readonly LocaleFile[]): Problem[] {
  const required = requiredLineIds(scenario);
  return locales.flatMap((locale) => {
    if ('error' in locale) return [{ file: locale.file, path: '', message: locale.error }];
    const present = flattenKeys(locale.data);
    const missing = required
      .filter((key) => typeof present.get(key) !== 'string' || (present.get(key) as string).trim() === '')
      .map((key) => ({ file: locale.file, path: key, message: present.has(key) ? 'text must be a non-empty string' : 'missing text for this line id' }));
    const requiredSet = new Set(required);
    const extra = [...present.keys()]
      .filter((key) => !requiredSet.has(key))
      .map((key) => ({ file: locale.file, path: key, message: 'no line in the scenario uses this key (renamed or removed?)' }));
    return [...missing, ...extra];
  });
}
