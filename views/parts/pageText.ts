import type { i18n } from 'i18next';
import { COMMON_NAMESPACE, createTranslator, LANGUAGES, type Language } from '../../src/index.ts';

type TextFiles = Record<string, Record<string, unknown>>;

// The game's shared words (skills, outcomes, principles) are said on every page as the game says them.
const commonText: TextFiles = import.meta.glob('../../locales/*/common.json', { import: 'default', eager: true });

const inLanguage = (files: TextFiles, language: Language) => Object.entries(files).find(([path]) => path.includes(`/locales/${language}/`))?.[1] ?? {};

/**
 * A translator for one page: its own words (`pageText`, the page's `import.meta.glob` of
 * `locales/*\/pages/<namespace>.json`, so each page bundles only its own) under `namespace`, and the
 * game's common words, in every language we speak.
 */
export function pageTranslator(namespace: string, pageText: TextFiles, language: Language): i18n {
  const resources = Object.fromEntries(LANGUAGES.map((lng) => [lng, { [COMMON_NAMESPACE]: inLanguage(commonText, lng), [namespace]: inLanguage(pageText, lng) }]));
  // Lit puts every value into the DOM as text, so i18next need not escape.
  return createTranslator(language, resources, { escapeValue: false });
}
