import { describe, expect, it } from 'vitest';
import { explore } from '../../src/analysis/explore.ts';
import { exampleScenario, libraryScenarios } from '../helpers.ts';

describe('exploring every path', () => {
  it('finds exactly the endings the example can reach', () => {
    const found = explore(exampleScenario());
    expect([...found.endings].sort()).toEqual(['escalated', 'hangs_up', 'posts_review', 'settled']);
  });

  it('misses an ending that no path reaches', () => {
    const scenario = structuredClone(exampleScenario());
    const policy = scenario.nodes.opening?.replies?.[1];
    if (!policy) throw new Error('fixture changed');
    policy.next = 'insult';
    expect(explore(scenario).endings.has('posts_review')).toBe(false);
  });
});

describe.each(libraryScenarios().map((scenario) => ({ id: scenario.id, scenario })))('scenario $id', ({ scenario }) => {
  it('can end in at least three different outcomes', () => {
    expect(explore(scenario).outcomes.size).toBeGreaterThanOrEqual(3);
  });

  it('has every ending reachable', () => {
    const endings = Object.entries(scenario.nodes).filter(([, node]) => node.ending !== undefined).map(([id]) => id);
    expect([...explore(scenario).endings].sort()).toEqual(endings.sort());
  });
});
