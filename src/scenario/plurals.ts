/** i18next plural keys: `key_one`, `key_few`, … chosen by the language's CLDR plural rules. */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The key without its plural suffix, so languages with different plural forms compare equal. */
export const pluralBase = (key: string) => key.replace(PLURAL_SUFFIX, '');

/** For each plural key family in `keys`, the forms the language needs but lacks (e.g. Russian `_few`). */
export function missingPluralForms(language: string, keys: Iterable<string>): string[] {
  const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const present = new Set(keys);
  const families = new Set([...present].filter((key) => PLURAL_SUFFIX.test(key)).map(pluralBase));
  return [...families].flatMap((base) => needed.filter((form) => !present.has(`${base}_${form}`)).map((form) => `${base}_${form}`));
}
