import { describe, expect, it } from 'vitest';
import { checkPaths } from '../../src/analysis/lint.ts';
import { analysePaths } from '../../src/analysis/paths.ts';
import { CHANNELS, PRINCIPLES } from '../../src/rubric.ts';
import { scoreChoices } from '../../src/index.ts';
import { exampleScenario, libraryScenarios } from '../helpers.ts';

const library = libraryScenarios();

describe('path analysis of the example', () => {
  it('finds exactly the endings the example can reach, and its score bounds', () => {
    const analysis = analysePaths(exampleScenario());
    expect([...analysis.endings].sort()).toEqual(['escalated', 'hangs_up', 'posts_review', 'settled']);
    expect(analysis.best).toEqual({ calm: 100, notPersonal: 100, empathy: 100, concreteFix: 100 });
    expect(analysis.worst).toEqual({ calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 });
    expect(analysis.overall).toEqual({ best: 100, worst: 0 });
    expect(analysis.expertPath).toMatchObject({ outcome: 'resolved', scores: { overall: 100 } });
  });
});

describe.each(library.map((scenario) => ({ id: scenario.id, scenario })))('scenario $id', ({ scenario }) => {
  const analysis = analysePaths(scenario);

  it('can end in at least three different outcomes, and every ending is reachable', () => {
    expect(analysis.outcomes.size).toBeGreaterThanOrEqual(3);
    const endings = Object.entries(scenario.nodes).filter(([, node]) => node.ending !== undefined).map(([id]) => id);
    expect([...analysis.endings].sort()).toEqual(endings.sort());
  });

  // The dialogue lint's own rules: one expert reply per node, resolved paths scoring 40 or more, no path of 80 or more lost, and so on;
  // nor a warning: the difficulty label is the measured one.
  it('passes every path check of the dialogue lint, warnings included', () => {
    expect(checkPaths(scenario, analysis)).toEqual([]);
  });

  it('agrees with the scoring of the paths it names', () => {
    const named = [analysis.expertPath, analysis.resolved?.weakest, analysis.lostOrPublic, ...Object.values(analysis.byOutcome).flatMap((kind) => [kind.best, kind.worst])];
    for (const path of named) {
      if (!path) continue;
      const scored = scoreChoices(scenario, path.choices);
      expect(scored.ok && { ...scored.report.skills, overall: scored.report.overall }).toEqual(path.scores);
      expect(scored.ok && scored.report.outcome).toBe(path.outcome);
    }
    expect(analysis.expertPath).toMatchObject({ outcome: 'resolved', scores: { overall: 100 } });
    expect(analysis.resolved?.weakest.outcome).toBe('resolved');
  });
});

describe('the library as a whole', () => {
  it('has at least 14 scenarios across every channel, three difficulty levels and six temperaments', () => {
    expect(library.length).toBeGreaterThanOrEqual(14);
    expect(new Set(library.map((scenario) => scenario.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(library.map((scenario) => scenario.difficulty))).toEqual(new Set([1, 2, 3]));
    expect(new Set(library.map((scenario) => scenario.temperament)).size).toBe(6);
  });

  it('teaches every principle P1–P19 in at least two scenarios', () => {
    const taughtBy = new Map(PRINCIPLES.map((principle) => [principle, new Set<string>()]));
    for (const scenario of library) {
      for (const node of Object.values(scenario.nodes)) for (const reply of node.replies ?? []) for (const principle of reply.teaches) taughtBy.get(principle)?.add(scenario.id);
      // A scenario with an insult that locks its best reply teaches the pause (P1) through the breath.
      if (Object.values(scenario.nodes).some((node) => node.replies?.some((reply) => reply.needsComposure !== undefined))) taughtBy.get('P1')?.add(scenario.id);
    }
    const thin = [...taughtBy].filter(([, scenarios]) => scenarios.size < 2).map(([principle]) => principle);
    expect(thin, 'principles taught by fewer than two scenarios').toEqual([]);
  });
});
