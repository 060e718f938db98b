import { describe, expect, it } from 'vitest';
import { buildStateGraph } from '../../src/analysis/stateGraph.ts';
import { replayChoices, type Choice, type Scenario } from '../../src/index.ts';
import { decodeSuspendData, encodeSuspendData, SUSPEND_DATA_LIMIT } from '../../client/lms/suspend.ts';
import { plannedPlays } from '../e2e/plans.ts';
import { libraryScenarios } from '../helpers.ts';

/** The most decisions any conversation of the scenario can take before it ends, with one such path (its state graph has no cycles). */
function longestConversation(scenario: Scenario): Choice[] {
  const graph = buildStateGraph(scenario);
  const longest = new Map<number, { length: number; edge: number }>();
  const visit = (state: number): number => {
    const known = longest.get(state);
    if (known) return known.length;
    let best = { length: 0, edge: -1 };
    for (let edge = graph.firstEdge[state] as number; edge < (graph.firstEdge[state + 1] as number); edge++) {
      const length = 1 + visit(graph.to[edge] as number);
      if (length > best.length) best = { length, edge };
    }
    longest.set(state, best);
    return best.length;
  };
  visit(0);
  const path: Choice[] = [];
  for (let state = 0, step = longest.get(0); step && step.edge >= 0; state = graph.to[step.edge] as number, step = longest.get(state)) path.push(graph.choices[step.edge] as Choice);
  return path;
}

const LARGEST_SEED = 0xffffffff;
const scenarios = libraryScenarios();

describe('suspend data', () => {
  it.each(scenarios.map((scenario) => ({ id: scenario.id, scenario })))('$id: the longest conversation, stopped before its last move, fits SCORM 1.2’s 4,096 characters and comes back exactly', ({ scenario }) => {
    const path = longestConversation(scenario);
    expect(replayChoices(scenario, path).ok).toBe(true);
    // Suspended before the last move (an ended conversation is not suspended).
    const unfinished = path.slice(0, -1);
    const text = encodeSuspendData(scenario, LARGEST_SEED, unfinished);
    expect(text.length).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
    expect(text).toBe(`h1|${scenario.id}|${scenario.version}|1z141z3|${text.split('|')[4]}`);
    expect(text.split('|')[4]).toHaveLength(unfinished.length);
    expect(decodeSuspendData(scenario, text)).toEqual({ seed: LARGEST_SEED, choices: unfinished });
  });

  it('round-trips every golden plan at every point short of its end, breaths and all', () => {
    const plays = ['best', 'mixed', 'worst'].flatMap((plan) => plannedPlays(plan));
    expect(plays.some((play) => play.choices.some((choice) => choice.kind === 'breath'))).toBe(true);
    for (const play of plays) {
      for (let cut = 0; cut < play.choices.length; cut++) {
        const choices = play.choices.slice(0, cut);
        expect(decodeSuspendData(play.scenario, encodeSuspendData(play.scenario, 7, choices))).toEqual({ seed: 7, choices });
      }
    }
  });

  it('names every reply of every node with one character', () => {
    for (const scenario of scenarios) for (const node of Object.values(scenario.nodes)) expect(node.replies?.length ?? 0).toBeLessThanOrEqual(36);
  });

  it('refuses what it cannot resume exactly: another scenario or version, a damaged or finished conversation', () => {
    const [play] = plannedPlays('mixed');
    if (!play) throw new Error('no plays');
    const { scenario } = play;
    const text = encodeSuspendData(scenario, 42, play.choices.slice(0, 2));
    expect(decodeSuspendData(scenario, text)).toEqual({ seed: 42, choices: play.choices.slice(0, 2) });
    const other = scenarios.find((candidate) => candidate.id !== scenario.id) as Scenario;
    expect(decodeSuspendData(other, text)).toBeUndefined();
    expect(decodeSuspendData({ ...scenario, version: scenario.version + 1 }, text)).toBeUndefined();
    expect(decodeSuspendData(scenario, text.replace(/\|[^|]*$/, '|zz'))).toBeUndefined();
    expect(decodeSuspendData(scenario, text.replace('h1|', 'h2|'))).toBeUndefined();
    expect(decodeSuspendData(scenario, `${text}|extra`)).toBeUndefined();
    expect(decodeSuspendData(scenario, '')).toBeUndefined();
    expect(decodeSuspendData(scenario, encodeSuspendData(scenario, 42, play.choices))).toBeUndefined();
    // A breath twice at one node is not a legal move.
    expect(decodeSuspendData(scenario, `h1|${scenario.id}|${scenario.version}|16|BB`)).toBeUndefined();
  });
});
