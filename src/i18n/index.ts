import { createInstance, type i18n, type Resource } from 'i18next';

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** Namespace of the text shared by all scenarios: skills, outcomes, principles, breath feedback. */
export const COMMON_NAMESPACE = 'common';

/**
 * One i18next instance for the game, the CLI and reports. `escapeValue` stays on unless the text
 * goes only to a canvas or a terminal; anything put into the DOM must be escaped.
 */
export function createTranslator(language: Language, resources: Resource, { escapeValue }: { escapeValue: boolean }): i18n {
  const instance = createInstance();
  // The text is given, not fetched, so the instance is ready when init returns.
  void instance.init({
    initAsync: false,
    lng: language,
    fallbackLng: false,
    resources,
    defaultNS: COMMON_NAMESPACE,
    interpolation: { escapeValue },
    returnNull: false,
  });
  return instance;
}
