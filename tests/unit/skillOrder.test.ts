import { describe, expect, it, vi } from 'vitest';
import { describeAnalysis } from '../../src/analysis/lint.ts';
import { analysePaths } from '../../src/analysis/paths.ts';
import { SKILLS } from '../../src/rubric.ts';
import { parseYaml } from '../helpers.ts';

// SKILLS also sets the order skills are shown in, so someone may reorder it; the analysis's
// per-skill columns follow it and must still be read back under the right names.
vi.mock('../../src/rubric.ts', async (importOriginal) => {
  const rubric = await importOriginal<typeof import('../../src/rubric.ts')>();
  return { ...rubric, SKILLS: ['concreteFix', 'empathy', 'notPersonal', 'calm'] };
});

/**
 * Only empathy can vary: the cold reply loses all of it and nothing else, and with composure this
 * low a breath is well timed, so it earns all the calm and "not personal" it puts at stake.
 */
const scenario = parseYaml(`id: one-skill
version: 1
channel: phone
difficulty: 1
temperament: tearful
mood: 50
composure: 40
start: opening
nodes:
  opening:
    replies:
      - { id: warm, skills: { calm: 1, notPersonal: 1, empathy: 3, concreteFix: 1 }, mood: -10, teaches: [P3], next: done }
      - { id: cold, skills: { calm: 1, notPersonal: 1, empathy: -3, concreteFix: 1 }, mood: 10, teaches: [P3], next: done }
  done: { ending: resolved }
`);

describe('path analysis with SKILLS in another order', () => {
  it('runs with the reordered list', () => {
    expect(SKILLS[0]).toBe('concreteFix');
  });

  it('reports each skill under its own name', () => {
    const analysis = analysePaths(scenario);
    expect(analysis.worst).toEqual({ calm: 100, notPersonal: 100, empathy: 0, concreteFix: 100 });
    // Overall is the four together against the expert: "cold" (total 0) earns nothing of warm's 6.
    expect(analysis.resolved?.lowerBound).toBe(0);
  });

  it('labels the summary in the order it prints the numbers', () => {
    expect(describeAnalysis(scenario, analysePaths(scenario))).toContain('per skill (concrete fix/empathy/not personal/calm) best 100/100/100/100, worst 100/0/100/100');
  });
});
