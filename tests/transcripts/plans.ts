import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One golden playthrough: the language and the choices as `npm run play -- --choices` takes them. */
export interface Plan {
  lang: string;
  choices: string;
}

/** The golden plans of one scenario, from `tests/transcripts/<id>/plans.yaml` (one file each, so scenarios are edited independently). */
export function plansFor(scenarioId: string): Record<string, Plan> {
  const file = join(import.meta.dirname, scenarioId, 'plans.yaml');
  return existsSync(file) ? (parse(readFileSync(file, 'utf8')) as Record<string, Plan>) : {};
}

/** Where a plan's transcript is kept. */
export const transcriptFile = (scenarioId: string, planName: string, lang: string) => join(import.meta.dirname, scenarioId, `${planName}.${lang}.txt`);
