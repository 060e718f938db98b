import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { choicesFromScript, parseChoiceList } from '../../tools/cli/script.ts';
import type { Choice } from '../../src/index.ts';
import type { Scenario } from '../../src/index.ts';
import { scoreChoices, type ScoreReport } from '../../src/index.ts';
import { libraryScenarios } from '../helpers.ts';

export interface PlannedPlay {
  scenario: Scenario;
  plan: string;
  lang: string;
  choices: Choice[];
  expected: ScoreReport;
}

const plans = parse(readFileSync(join(import.meta.dirname, '..', 'transcripts', 'plans.yaml'), 'utf8')) as Record<string, Record<string, { lang: string; choices: string }>>;

/** The golden plans as choices by id (the browser shuffles the order) with the scores the engine gives them. */
export function plannedPlays(planName: string): PlannedPlay[] {
  return libraryScenarios().map((scenario) => {
    const plan = plans[scenario.id]?.[planName];
    if (!plan) throw new Error(`tests/transcripts/plans.yaml has no ${planName} plan for ${scenario.id}`);
    const choices = choicesFromScript(scenario, parseChoiceList(plan.choices));
    const scored = scoreChoices(scenario, choices);
    if (!scored.ok) throw new Error(scored.error);
    return { scenario, plan: planName, lang: plan.lang, choices, expected: scored.report };
  });
}
