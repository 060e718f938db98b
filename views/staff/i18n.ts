import type { TFunction } from 'i18next';
import { COMMON_NAMESPACE, createTranslator, LANGUAGES, type Language } from '../../src/index.ts';

const NAMESPACE = 'staff';

const pageText = import.meta.glob<Record<string, unknown>>('../../locales/*/pages/staff.json', { import: 'default', eager: true });
// The game's shared words (outcomes) are used as the game says them: `common:outcomes.resolved`.
const commonText = import.meta.glob<Record<string, unknown>>('../../locales/*/common.json', { import: 'default', eager: true });
const resources = Object.fromEntries(
  LANGUAGES.map((language) => [language, { [NAMESPACE]: pageText[`../../locales/${language}/pages/staff.json`] ?? {}, [COMMON_NAMESPACE]: commonText[`../../locales/${language}/common.json`] ?? {} }]),
);

/** What every component needs to speak: the translator and the language it speaks (for dates and numbers). */
export interface Text {
  t: TFunction;
  language: Language;
}

export function textIn(language: Language): Text {
  // Lit escapes every value it puts into the DOM, so i18next need not.
  const i18n = createTranslator(language, resources, { escapeValue: false });
  return { t: i18n.getFixedT(language, NAMESPACE) as TFunction, language };
}
