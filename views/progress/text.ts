import type { i18n } from 'i18next';
import { COMMON_NAMESPACE, createTranslator, LANGUAGES, type Language } from '../../src/index.ts';

/** The page's own words; the game's shared words (skills, outcomes, principles, the debrief's labels) come from common. */
export const PROGRESS_NAMESPACE = 'progress';

const pageText = import.meta.glob<Record<string, unknown>>('../../locales/*/pages/progress.json', { import: 'default', eager: true });
const commonText = import.meta.glob<Record<string, unknown>>('../../locales/*/common.json', { import: 'default', eager: true });

/** A translator for the page in every language we speak; scenario text is added as each scenario loads. */
export function progressTranslator(language: Language): i18n {
  const resources = Object.fromEntries(
    LANGUAGES.map((lng) => [lng, { [COMMON_NAMESPACE]: commonText[`../../locales/${lng}/common.json`] ?? {}, [PROGRESS_NAMESPACE]: pageText[`../../locales/${lng}/pages/progress.json`] ?? {} }]),
  );
  // Lit puts every value into the DOM as text, so i18next need not escape.
  return createTranslator(language, resources, { escapeValue: false });
}
