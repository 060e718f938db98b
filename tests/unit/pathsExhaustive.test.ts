import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseConversation, analysePaths } from '../../src/analysis/paths.ts';
import { replayChoices } from '../../src/engine/rules.ts';
import { scoreChoices } from '../../src/index.ts';
import type { Condition, Scenario } from '../../src/scenario/schema.ts';
import { exampleScenario, FIXTURES, libraryScenarios, parseYaml } from '../helpers.ts';
import { sameStateKey, walkEveryPath, xstateSimplePaths, type Enumerated } from './pathOracles.ts';

const timedExample = (mood: number) => parseYaml(`${readFileSync(join(FIXTURES, 'dialogues', 'example.yaml'), 'utf8')}\ntimer: { seconds: 20, mood: ${mood} }\n`);
const pathsFixture = (name: string) => parseYaml(readFileSync(join(FIXTURES, 'paths', `${name}.yaml`), 'utf8'));

/** Every one of many replies is named in a condition, so the analysis must tell apart far more remembered replies than fit in a 32-bit mask. */
function longMemory(replies: number): Scenario {
  const reply = (i: number) => `      - { id: r${i}, skills: { calm: 1, notPersonal: 1, empathy: ${i % 3}, concreteFix: 1 }, mood: 0, teaches: [P8], next: last }\n`;
  const allButLast = Array.from({ length: replies - 1 }, (_, i) => `opening.r${i}`).join(', ');
  return parseYaml(`id: test\nversion: 1\nchannel: phone\ndifficulty: 1\ntemperament: shouting\nmood: 50\nstart: opening\nnodes:\n  opening:\n    replies:\n${Array.from({ length: replies }, (_, i) => reply(i)).join('')}  last:
    replies:
      - { id: fresh, when: { notSaid: [${allButLast}] }, skills: { calm: 2, notPersonal: 2, empathy: 2, concreteFix: 2 }, mood: -10, teaches: [P8], next: settled }
      - { id: callback, when: { said: [opening.r${replies - 1}] }, skills: { calm: 1, notPersonal: 2, empathy: 2, concreteFix: 2 }, mood: -5, teaches: [P8], next: settled }
      - { id: plain, skills: { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 }, mood: 10, teaches: [P8], next: lost }
  settled: { ending: resolved }
  lost: { ending: customerLost }
`);
}

const smallest = libraryScenarios()
  .map((scenario) => ({ scenario, paths: analysePaths(scenario).paths }))
  .sort((a, b) => a.paths - b.paths)[0]?.scenario as Scenario;

const ORACLES = { 'walking every path': walkEveryPath, 'xstate/graph getSimplePaths': xstateSimplePaths };
type Oracle = keyof typeof ORACLES;
const BOTH = Object.keys(ORACLES) as Oracle[];

const conversationsThatEnd: { name: string; scenario: Scenario; oracles: Oracle[] }[] = [
  { name: 'the example', scenario: exampleScenario(), oracles: BOTH },
  { name: 'the example with a timer', scenario: timedExample(10), oracles: BOTH },
  { name: 'a loop of nodes where the mood rises each time round', scenario: pathsFixture('rising-loop'), oracles: BOTH },
  { name: 'a scenario that remembers 40 replies', scenario: longMemory(40), oracles: BOTH },
  { name: 'replies that beat the expert on one skill', scenario: pathsFixture('trade-off'), oracles: BOTH },
  { name: 'a hand-over the scenario does not teach, before the end', scenario: pathsFixture('early-exit'), oracles: BOTH },
  { name: 'an expert reply locked until a breath', scenario: pathsFixture('locked-expert'), oracles: BOTH },
  // Tens of thousands of paths: too many for xstate/graph, which walks them once per state.
  { name: `the smallest library scenario (${smallest.id})`, scenario: smallest, oracles: ['walking every path'] },
];

describe.each(conversationsThatEnd.flatMap(({ name, scenario, oracles }) => oracles.map((oracle) => ({ name, scenario, oracle }))))(
  'path analysis of $name against $oracle',
  ({ scenario, oracle }) => {
    const enumerated: Enumerated = ORACLES[oracle](scenario);
    const analysis = analysePaths(scenario);

    it('finds no state that a move comes back to, as the analysis does', () => {
      expect(enumerated.repeatedAt).toEqual(new Set());
    });

    it('counts the same paths and endings', () => {
      expect(analysis.paths).toBe(enumerated.paths);
      expect(analysis.endings).toEqual(enumerated.endings);
    });

    it('finds exactly the best and worst score per skill', () => {
      expect(analysis.best).toEqual(enumerated.best);
      expect(analysis.worst).toEqual(enumerated.worst);
    });

    it('finds exactly the best and worst overall score, over all paths and per outcome', () => {
      expect(analysis.overall).toEqual(enumerated.overall);
      const byOutcome = Object.fromEntries(Object.entries(analysis.byOutcome).map(([outcome, kind]) => [outcome, { best: kind.best.scores.overall, worst: kind.worst.scores.overall }]));
      expect(byOutcome).toEqual(enumerated.byOutcome);
    });

    it('finds exactly the floor for resolved paths', () => {
      expect(analysis.resolved?.lowerBound ?? 100).toBe(enumerated.weakestResolved);
    });

    it('scores the paths it names as scoring does, the expert\'s at 100 overall', () => {
      const named = [analysis.expertPath, analysis.lostOrPublic, ...Object.values(analysis.byOutcome).flatMap((kind) => [kind.best, kind.worst])];
      for (const path of named) {
        if (!path) continue;
        const scored = scoreChoices(scenario, path.choices);
        expect(scored.ok && { ...scored.report.skills, overall: scored.report.overall, outcome: scored.report.outcome }).toEqual({ ...path.scores, outcome: path.outcome });
      }
      expect(analysis.expertPath?.scores.overall).toBe(100);
    });
  },
);

const endlessConversations = [
  // Entered from both sides; the analysis once counted 16 of its 24 simple paths and proved a
  // resolved floor of 21 under a resolved path scoring 0.
  { name: 'two nodes that lead to each other without moving the mood', scenario: pathsFixture('cyclic'), simplePaths: 24, loopsAt: ['a', 'b'] },
  { name: 'the example with a timer that does not anger', scenario: timedExample(0), simplePaths: 12, loopsAt: ['insult', 'opening'] },
  { name: 'a breaking point that leads back into the conversation', scenario: pathsFixture('breath-loop'), simplePaths: 5, loopsAt: ['hold'] },
];

describe.each(endlessConversations)('$name', ({ scenario, simplePaths, loopsAt }) => {
  const analysis = analyseConversation(scenario);
  const cycles = analysis.kind === 'endless' ? analysis.cycles : [];

  it('is refused by the analysis, naming where it loops', () => {
    expect(analysis.kind).toBe('endless');
    expect(new Set(cycles.flatMap((cycle) => cycle.moves.map((move) => move.node)))).toEqual(new Set(loopsAt));
    expect(() => analysePaths(scenario)).toThrow(/can go round forever/);
  });

  it.each(BOTH)('has a state that %s finds a move coming back to, at the same nodes', (oracle) => {
    const enumerated = ORACLES[oracle](scenario);
    expect(enumerated.paths).toBe(simplePaths);
    expect(enumerated.repeatedAt).toEqual(new Set(loopsAt));
  });

  it('gives for each loop moves that really come back to the same state', () => {
    const keyOf = sameStateKey(scenario);
    for (const cycle of cycles) {
      const before = replayChoices(scenario, cycle.approach);
      const after = replayChoices(scenario, [...cycle.approach, ...cycle.moves.map((move) => move.choice)]);
      if (!before.ok || !after.ok) throw new Error('the loop does not replay');
      expect(keyOf(after.state)).toBe(keyOf(before.state));
      expect([before.state.mood, before.state.composure]).toEqual([cycle.mood, cycle.composure]);
    }
  });
});

describe('the merge key of the state graph', () => {
  it('refuses a mood that is not a whole percentage, rather than merging states wrongly', () => {
    expect(() => analyseConversation({ ...exampleScenario(), mood: 50.5 })).toThrow('state graph of "example": mood 50.5 and composure 100 at "opening" must be whole numbers 0–100 for states to be merged');
  });

  it('refuses a condition on something the key does not hold, such as elapsed time', () => {
    const example = exampleScenario();
    const opening = example.nodes[example.start];
    const timed = { elapsedAtLeast: 60 } as unknown as Condition;
    const scenario = { ...example, nodes: { ...example.nodes, [example.start]: { ...opening, variants: [{ if: timed, line: 'late' }] } } } as Scenario;
    expect(() => analyseConversation(scenario)).toThrow('state graph of "example": conditions on "elapsedAtLeast" are not part of the merge key');
  });
});
