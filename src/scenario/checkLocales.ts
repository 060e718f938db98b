import { flattenKeys, requiredLineIds } from './lineIds.ts';
import { lineOf, readPositioned } from './positions.ts';
import type { Problem } from './problems.ts';
import type { ScenarioParts } from './salvage.ts';
import { nodesTooLongToRead } from './readingTime.ts';
import type { Scenario } from './schema.ts';

/** A parsed locale file with its text (for line numbers), or why it could not be read. */
export type LocaleFile = { file: string; text: string; data: unknown } | { file: string; error: string };

/** Every line id the scenario needs must be non-empty text in every language, and no language may carry unused keys. */
export function checkScenarioText(scenario: Scenario, locales: readonly LocaleFile[]): Problem[] {
  return checkLocales(scenario, locales, (present) => nodesTooLongToRead(scenario, present));
}

/**
 * For a scenario with problems: the text its valid parts need. Whether a key is unused cannot be
 * told while part of the structure is broken, so that check waits for a valid scenario.
 */
export function checkMissingText(parts: ScenarioParts, locales: readonly LocaleFile[]): Problem[] {
  return checkLocales(parts, locales);
}

/** `checkValid` runs only on a valid scenario: what it judges (unused keys, reading time) needs the whole structure. */
function checkLocales(scenario: ScenarioParts, locales: readonly LocaleFile[], checkValid?: (present: Map<string, unknown>) => { path: string; message: string }[]): Problem[] {
  const required = requiredLineIds(scenario);
  return locales.flatMap((locale) => {
    if ('error' in locale) return [{ file: locale.file, path: '', message: locale.error }];
    const present = flattenKeys(locale.data);
    const missing = required
      .filter((key) => typeof present.get(key) !== 'string' || (present.get(key) as string).trim() === '')
      .map((key) => ({ path: key, message: present.has(key) ? 'text must be a non-empty string' : 'missing text for this line id' }));
    const requiredSet = new Set(required);
    const unused = checkValid ? [...present.keys()].filter((key) => !requiredSet.has(key)) : [];
    const found = [
      ...missing,
      ...unused.map((key) => ({ path: key, message: 'no line in the scenario uses this key (renamed or removed?)' })),
      ...(checkValid?.(present) ?? []),
    ];
    return placeInLocale(locale.file, locale.text, found);
  });
}

/** Adds the line of each key, or for a missing key the line of its nearest existing parent. */
function placeInLocale(file: string, text: string, found: readonly { path: string; message: string }[]): Problem[] {
  if (found.length === 0) return [];
  const positioned = readPositioned(text);
  return found.map(({ path, message }) => ({ file, path, message, line: lineOf(positioned, path.split('.')) }));
}
