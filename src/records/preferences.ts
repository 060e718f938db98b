import { isLanguage, type Language } from '../i18n/index.ts';

/**
 * What the game remembers between visits on one device. Parsing is forgiving: a corrupt or
 * older value falls back field by field, and the caller is told so it can say it once.
 * Checked by hand rather than with zod, which would triple the game's start-up code.
 */
export interface Preferences {
  language: Language;
  muted: boolean;
  traineeName: string;
  coachMode: boolean;
  /** Best overall score per scenario id. */
  bestScores: Record<string, number>;
}

/** Where the browser keeps them (localStorage): the game and every page read the same key, so a language chosen anywhere holds everywhere. */
export const PREFERENCES_KEY = 'hold-the-line.preferences.v1';

export const DEFAULT_PREFERENCES: Preferences = { language: 'en', muted: false, traineeName: '', coachMode: false, bestScores: {} };

const isScore = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100;

/** Each field's check; a field that fails it takes its default. */
const FIELD_CHECKS: { [K in keyof Preferences]: (value: unknown) => boolean } = {
  language: (value) => typeof value === 'string' && isLanguage(value),
  muted: (value) => typeof value === 'boolean',
  traineeName: (value) => typeof value === 'string' && value.length <= 60,
  coachMode: (value) => typeof value === 'boolean',
  bestScores: (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(isScore),
};

export function parsePreferences(stored: string | null): { preferences: Preferences; recovered: boolean } {
  if (stored === null) return { preferences: { ...DEFAULT_PREFERENCES }, recovered: false };
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return { preferences: { ...DEFAULT_PREFERENCES }, recovered: true };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { preferences: { ...DEFAULT_PREFERENCES }, recovered: true };
  const fields = raw as Record<string, unknown>;
  const preferences: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
  let recovered = false;
  for (const [key, check] of Object.entries(FIELD_CHECKS)) {
    if (!(key in fields)) continue;
    if (check(fields[key])) preferences[key] = fields[key];
    else recovered = true;
  }
  return { preferences: preferences as unknown as Preferences, recovered };
}

/** Names are shown back to the trainee and may reach reports: trim, drop control characters, cap the length. */
export function cleanTraineeName(input: string): string {
  return input.replace(/\p{Cc}/gu, '').replace(/\s+/g, ' ').trim().slice(0, 60);
}

export function withBestScore(preferences: Preferences, scenarioId: string, overall: number): Preferences {
  const previous = preferences.bestScores[scenarioId] ?? -1;
  return overall > previous ? { ...preferences, bestScores: { ...preferences.bestScores, [scenarioId]: overall } } : preferences;
}
