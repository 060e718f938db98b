import type { i18n, TFunction } from 'i18next';
import type { Language } from '../../src/index.ts';
import { pageTranslator } from '../parts/pageText.ts';

/** The page's own words; the game's shared words (skills, outcomes, principles, the debrief's labels) come from common. */
export const DASHBOARD_NAMESPACE = 'dashboard';

/** A translator for the page in every language we speak; scenario text is added as each scenario loads. */
export function dashboardTranslator(language: Language): i18n {
  return pageTranslator(DASHBOARD_NAMESPACE, import.meta.glob('../../locales/*/pages/dashboard.json', { import: 'default', eager: true }), language);
}

/** What every part of the page needs to speak: common and scenario words (`t`), the page's own (`say`), and the language for dates. */
export interface Words {
  t: TFunction;
  say: (key: string, options?: Record<string, unknown>) => string;
  language: Language;
}

export function wordsOf(translator: i18n): Words {
  const t = translator.t.bind(translator) as TFunction;
  return { t, say: (key, options = {}) => t(key, { ns: DASHBOARD_NAMESPACE, ...options }), language: translator.language as Language };
}
