import type { i18n, TFunction } from 'i18next';
import type { Language } from '../../src/index.ts';
import { pageTranslator } from '../parts/pageText.ts';

export const LIVE_NAMESPACE = 'live';

type TextFiles = Record<string, Record<string, unknown>>;

// Each screen's words are a file of their own (locales/<lng>/pages/live/<part>.json), keyed here by the file's name: `phone.vote`, `shared.paused`.
const parts: TextFiles = import.meta.glob('../../locales/*/pages/live/*.json', { import: 'default', eager: true });

/** The files of one language as one namespace (`locales/en/pages/live/phone.json` → `phone.*`), under the path pageTranslator matches on. */
function byLanguage(files: TextFiles): TextFiles {
  const merged: TextFiles = {};
  for (const [path, text] of Object.entries(files)) {
    const [, language, part] = /\/locales\/([^/]+)\/pages\/live\/([^/]+)\.json$/.exec(path) ?? [];
    if (!language || !part) continue;
    const key = `../../locales/${language}/pages/live.json`;
    merged[key] = { ...merged[key], [part]: text };
  }
  return merged;
}

/** What every live screen needs to speak: the translator and the language (for numbers and dates). */
export interface LiveText {
  t: TFunction;
  language: Language;
  /** The translator itself, for a ScenarioBook to add each scenario's text to. */
  i18n: i18n;
}

export function liveText(language: Language): LiveText {
  const i18n = pageTranslator(LIVE_NAMESPACE, byLanguage(parts), language);
  return { t: i18n.getFixedT(language, LIVE_NAMESPACE) as TFunction, language, i18n };
}
