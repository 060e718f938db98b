import { describe, expect, it } from 'vitest';
import { cleanTraineeName, DEFAULT_PREFERENCES, parsePreferences, withBestScore } from '../../src/records/preferences.ts';
import { composureBand, moodBand } from '../../src/rubric.ts';

describe('stored preferences', () => {
  it('starts from defaults when nothing is stored', () => {
    expect(parsePreferences(null)).toEqual({ preferences: DEFAULT_PREFERENCES, recovered: false });
  });

  it('reads back what was written', () => {
    const stored = { language: 'ru', muted: true, traineeName: 'Ира', coachMode: false, bestScores: { 'personal-insult': 82 } };
    expect(parsePreferences(JSON.stringify(stored))).toEqual({ preferences: stored, recovered: false });
  });

  it.each([
    ['not JSON', '{"language": "ru",'],
    ['a list', '[1, 2]'],
    ['null', 'null'],
  ])('recovers from %s with defaults and says so', (_name, stored) => {
    expect(parsePreferences(stored)).toEqual({ preferences: DEFAULT_PREFERENCES, recovered: true });
  });

  it('keeps the good fields of a partly corrupt record', () => {
    const { preferences, recovered } = parsePreferences(JSON.stringify({ language: 'ru', muted: 'yes', bestScores: { a: 300 } }));
    expect(preferences).toMatchObject({ language: 'ru', muted: false, bestScores: {} });
    expect(recovered).toBe(true);
  });

  it('cleans hostile names', () => {
    expect(cleanTraineeName('  <img src=x onerror=alert(1)>\u0000\u0007  Ann  ')).toBe('<img src=x onerror=alert(1)> Ann');
    expect(cleanTraineeName('x'.repeat(500))).toHaveLength(60);
  });

  it('keeps only a better score', () => {
    const once = withBestScore(DEFAULT_PREFERENCES, 's', 70);
    expect(withBestScore(once, 's', 60).bestScores.s).toBe(70);
    expect(withBestScore(once, 's', 90).bestScores.s).toBe(90);
  });
});

describe('mood and composure words', () => {
  it.each([[0, 'calm'], [19, 'calm'], [20, 'settled'], [45, 'tense'], [79, 'heated'], [80, 'furious'], [100, 'furious']])('mood %i is %s', (mood, band) => {
    expect(moodBand(mood)).toBe(band);
  });

  it.each([[100, 'steady'], [70, 'steady'], [69, 'shaken'], [40, 'shaken'], [39, 'rattled'], [0, 'rattled']])('composure %i is %s', (composure, band) => {
    expect(composureBand(composure)).toBe(band);
  });
});
