import { choicesFromScript, parseChoiceList } from '../../tools/cli/script.ts';
import type { Choice } from '../../src/index.ts';
import type { Scenario } from '../../src/index.ts';
import { scoreChoices, type ScoreReport } from '../../src/index.ts';
import { libraryScenarios } from '../helpers.ts';
import { plansFor } from '../transcripts/plans.ts';

export interface PlannedPlay {
  scenario: Scenario;
  plan: string;
  lang: string;
  choices: Choice[];
  expected: ScoreReport;
}

/** The golden plans as choices by id (the browser shuffles the order) with the scores the engine gives them. */
export function plannedPlays(planName: string): PlannedPlay[] {
  return libraryScenarios().map((scenario) => {
    const plan = plansFor(scenario.id)[planName];
    if (!plan) throw new Error(`tests/transcripts/${scenario.id}/plans.yaml has no ${planName} plan`);
    const choices = choicesFromScript(scenario, parseChoiceList(plan.choices));
    const scored = scoreChoices(scenario, choices);
    if (!scored.ok) throw new Error(scored.error);
    return { scenario, plan: planName, lang: plan.lang, choices, expected: scored.report };
  });
}
