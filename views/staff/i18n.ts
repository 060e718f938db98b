import type { TFunction } from 'i18next';
import type { Language } from '../../src/index.ts';
import { pageTranslator } from '../parts/pageText.ts';

const NAMESPACE = 'staff';

/** What every component needs to speak: the translator and the language it speaks (for dates and numbers). */
export interface Text {
  t: TFunction;
  language: Language;
}

export function textIn(language: Language): Text {
  const i18n = pageTranslator(NAMESPACE, import.meta.glob('../../locales/*/pages/staff.json', { import: 'default', eager: true }), language);
  return { t: i18n.getFixedT(language, NAMESPACE) as TFunction, language };
}
