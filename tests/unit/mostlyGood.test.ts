import { describe, expect, it } from 'vitest';
import { buildStateGraph } from '../../src/analysis/stateGraph.ts';
import { expertPicker, mostlyGoodPicker } from '../../src/analysis/surfaceBots.ts';
import { applyChoice, initialState, legalChoices, type ConversationState } from '../../src/engine/rules.ts';
import { analysePaths, measuredDifficulty, mostlyGoodOdds, simulate, type Scenario } from '../../src/index.ts';
import { createRandom, hashText } from '../../src/random.ts';
import { exampleScenario, libraryScenarios } from '../helpers.ts';

/**
 * The mostly-good trainee's odds, worked out exactly over the state graph (src/analysis/mostlyGood.ts),
 * against a hand calculation and against playing it.
 */
const example = exampleScenario();
const library = libraryScenarios();
const odds = (scenario: Scenario, p?: number) => mostlyGoodOdds(buildStateGraph(scenario), undefined, p);

describe('the mostly-good odds', () => {
  /**
   * The example (tests/fixtures/dialogues/example.yaml), by hand. At `opening` the legal moves are
   * ask (the expert), policy (posts a review) and a breath; a random move picks one of the three,
   * so ask has 0.7 + 0.3/3 = 0.8, a breath 0.1. A breath at `opening` (composure 100: the customer
   * only waits) leaves ask and policy: ask 0.7 + 0.3/2 = 0.85. At `insult` composure is 40, so
   * boundary (needs 50) is locked: the expert breathes (0.8), snap and transfer end it short. After
   * the breath (composure 80) boundary resolves: 0.7 + 0.3/3 = 0.8.
   *   insult = 0.8 × 0.8 = 0.64; opening after a breath = 0.85 × 0.64 = 0.544;
   *   opening = 0.8 × 0.64 + 0.1 × 0.544 = 0.5664.
   */
  it('match the hand calculation on the example', () => {
    const exact = odds(example);
    expect(exact.resolved).toBeCloseTo(0.5664, 12);
    // insult is reached with 0.8 + 0.1 × 0.85 = 0.885; there snap (lost) and transfer (escalated) have 0.1 before the breath and 0.8 × 0.1 after it.
    expect(exact.customerLost).toBeCloseTo(0.885 * 0.18, 12);
    expect(exact.escalated).toBeCloseTo(0.885 * 0.18, 12);
    // policy at once (mood 85), or after a breath at opening (mood 95).
    expect(exact.publicComplaint).toBeCloseTo(0.1 + 0.1 * 0.15, 12);
    expect(Object.values(exact).reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    expect(measuredDifficulty(exact.resolved)).toBe(3);
  });

  it('are certain for the expert, and the random bot’s for p = 0', () => {
    expect(odds(example, 1).resolved).toBe(1);
    // ask or a breath, each 1/3, then a breath at insult 1/3 and boundary 1/3: 1/3 × 1/9 + 1/3 × 1/2 × 1/9.
    expect(odds(example, 0).resolved).toBeCloseTo(1 / 18, 12);
  });

  it('leave silence out while any other move is possible, as the random bot does', () => {
    const timed: Scenario = { ...example, timer: { seconds: 30, mood: 10 } };
    expect(buildStateGraph(timed).choices.some((choice) => choice.kind === 'silence')).toBe(true);
    expect(odds(timed).resolved).toBeCloseTo(0.5664, 12);
  });

  it('are the ones path analysis reports', () => {
    expect(analysePaths(example).mostlyGood).toEqual(odds(example));
  });
});

/**
 * The same odds over every path, states never merged: at each state the moves `simulate` offers
 * (`legalChoices`), the expert's as `expertPicker` plays it, the random pool as `randomPicker` draws it.
 */
function oddsOverEveryPath(scenario: Scenario, p: number, state: ConversationState = initialState(scenario)): number {
  if (state.outcome !== null) return state.outcome === 'resolved' ? 1 : 0;
  const choices = legalChoices(scenario, state);
  const expert = expertPicker(scenario)(choices, state);
  const spoken = choices.filter((choice) => choice.kind !== 'silence');
  const pool = spoken.length > 0 ? spoken : choices;
  return choices.reduce((sum, choice) => {
    const weight = (JSON.stringify(choice) === JSON.stringify(expert) ? p : 0) + (pool.includes(choice) ? (1 - p) / pool.length : 0);
    const step = applyChoice(scenario, state, choice, 0);
    if (!step.ok) throw new Error(step.error);
    return weight === 0 ? sum : sum + weight * oddsOverEveryPath(scenario, p, step.state);
  }, 0);
}

describe('the exact measure over merged states', () => {
  const cases: [string, Scenario][] = [
    ['the example', example],
    ['the example with a timer', { ...example, timer: { seconds: 30, mood: 10 } }],
    ...library
      .filter((scenario) => ['office-chairs', 'consumer-extremism'].includes(scenario.id))
      .map((scenario): [string, Scenario] => [scenario.id, scenario]),
  ];
  it.each(cases)('%s: the same as over every path, states unmerged', (_, scenario) => {
    expect(odds(scenario).resolved).toBeCloseTo(oddsOverEveryPath(scenario, 0.7), 12);
  });
});

describe('the exact measure against playing the mostly-good trainee', () => {
  const RUNS = 300;
  it.each(library.filter((scenario) => ['long-wait', 'office-chairs', 'loyal-client'].includes(scenario.id)).map((scenario) => [scenario.id, scenario] as const))('%s: agrees within sampling noise', (id, scenario) => {
    const exact = odds(scenario).resolved;
    let resolved = 0;
    for (let run = 0; run < RUNS; run++) {
      const seed = hashText(`check:${id}:${run}`);
      if (simulate(scenario, mostlyGoodPicker(scenario, createRandom(seed), 0.7), { seed }).outcome === 'resolved') resolved++;
    }
    // Four standard errors: a false alarm about once in 16,000 runs of this test.
    expect(Math.abs(resolved / RUNS - exact)).toBeLessThanOrEqual(4 * Math.sqrt((exact * (1 - exact)) / RUNS));
  });
});
