import type { i18n } from 'i18next';
import type { Language } from '../../src/index.ts';
import { pageTranslator } from '../parts/pageText.ts';

/** The page's own words; the game's shared words (skills, outcomes, principles, the debrief's labels) come from common. */
export const PROGRESS_NAMESPACE = 'progress';

/** A translator for the page in every language we speak; scenario text is added as each scenario loads. */
export function progressTranslator(language: Language): i18n {
  return pageTranslator(PROGRESS_NAMESPACE, import.meta.glob('../../locales/*/pages/progress.json', { import: 'default', eager: true }), language);
}
