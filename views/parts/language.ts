import { DEFAULT_PREFERENCES, isLanguage, parsePreferences, PREFERENCES_KEY, type Language } from '../../src/index.ts';

function storedPreferences(): { raw: string | null; readable: boolean } {
  try {
    return { raw: window.localStorage.getItem(PREFERENCES_KEY), readable: true };
  } catch {
    return { raw: null, readable: false };
  }
}

/** `?lang=` if it names a language we speak, else the game's preference, else English. */
export function preferredLanguage(requested: string | null): Language {
  if (requested !== null && isLanguage(requested)) return requested;
  return parsePreferences(storedPreferences().raw).preferences.language;
}

/** The trainee name the game's menu has (it picks the profile a page shows first). */
export function preferredTrainee(): string {
  return parsePreferences(storedPreferences().raw).preferences.traineeName;
}

/** Keeps the choice for the game, leaving its other preferences as they are. */
export function rememberLanguage(language: Language): void {
  const { raw, readable } = storedPreferences();
  if (!readable) return;
  const { preferences } = parsePreferences(raw);
  try {
    window.localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ ...DEFAULT_PREFERENCES, ...preferences, language }));
  } catch {
    // Storage full or blocked: the choice holds for this visit.
  }
}
