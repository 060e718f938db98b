import { z } from 'zod';

/**
 * What the game remembers between visits on one device. Parsing is forgiving: a corrupt or
 * older value falls back field by field, and the caller is told so it can say it once.
 */
export const PreferencesSchema = z.object({
  language: z.enum(['en', 'ru']).catch('en'),
  muted: z.boolean().catch(false),
  traineeName: z.string().max(60).catch(''),
  coachMode: z.boolean().catch(false),
  /** Best overall score per scenario id. */
  bestScores: z.record(z.string(), z.number().int().min(0).max(100)).catch({}),
});

export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = { language: 'en', muted: false, traineeName: '', coachMode: false, bestScores: {} };

export function parsePreferences(stored: string | null): { preferences: Preferences; recovered: boolean } {
  if (stored === null) return { preferences: { ...DEFAULT_PREFERENCES }, recovered: false };
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return { preferences: { ...DEFAULT_PREFERENCES }, recovered: true };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { preferences: { ...DEFAULT_PREFERENCES }, recovered: true };
  const preferences = PreferencesSchema.parse(raw);
  // A field that had to fall back differs from what was stored.
  const storedFields = raw as Record<string, unknown>;
  const recovered = (Object.keys(preferences) as (keyof Preferences)[]).some(
    (key) => key in storedFields && JSON.stringify(storedFields[key]) !== JSON.stringify(preferences[key]),
  );
  return { preferences, recovered };
}

/** Names are shown back to the trainee and may reach reports: trim, drop control characters, cap the length. */
export function cleanTraineeName(input: string): string {
  return input.replace(/\p{Cc}/gu, '').replace(/\s+/g, ' ').trim().slice(0, 60);
}

export function withBestScore(preferences: Preferences, scenarioId: string, overall: number): Preferences {
  const previous = preferences.bestScores[scenarioId] ?? -1;
  return overall > previous ? { ...preferences, bestScores: { ...preferences.bestScores, [scenarioId]: overall } } : preferences;
}
