import { moodBand } from '../../../src/index.ts';

// The game's portraits (as scenes/app.ts finds them): one per scenario and mood band, built as files of their own.
const portraitUrls = import.meta.glob<string>('../../../assets/portraits/*/*.svg', { query: '?url', import: 'default', eager: true });

/** The customer's face at this mood; '' when the scenario has no portrait. */
export const portraitUrl = (scenarioId: string, mood: number): string => portraitUrls[`../../../assets/portraits/${scenarioId}/${moodBand(mood)}.svg`] ?? '';
