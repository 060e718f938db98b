import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, type Choice } from '../../src/index.ts';
import { SKILLS } from '../../src/rubric.ts';
import { scoreChoices } from '../../src/index.ts';
import { exampleScenario, libraryScenarios } from '../helpers.ts';

const scenarios = [exampleScenario(), ...libraryScenarios()];

describe.each(scenarios.map((scenario) => ({ id: scenario.id, scenario })))('random playthroughs of $id', ({ scenario }) => {
  it('always end, never throw, and keep every score within 0–100', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), fc.option(fc.nat(), { nil: null }), (picks, seed) => {
        let turn = 0;
        const pick = (choices: Choice[]) => choices[(picks[turn++ % picks.length] ?? 0) % choices.length] as Choice;
        const end = simulate(scenario, pick, { seed });
        expect(end.outcome).not.toBeNull();

        const result = scoreChoices(scenario, end.decisions.map((decision) => decision.choice));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        for (const value of [...SKILLS.map((skill) => result.report.skills[skill]), result.report.overall]) {
          expect(Number.isInteger(value) && value >= 0 && value <= 100).toBe(true);
        }
        expect(result.report.outcome).toBe(end.outcome);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
