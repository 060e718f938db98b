import { describe, expect, it } from 'vitest';
import { liveReplies } from '../../src/analysis/liveReplies.ts';
import { exampleScenario } from '../helpers.ts';

describe('remembered replies the future can still read', () => {
  it('keeps a reply up to the last node that asks about it, and forgets it after', () => {
    const scenario = structuredClone(exampleScenario());
    const transfer = scenario.nodes.insult?.replies?.[2];
    if (!transfer) throw new Error('fixture changed');
    transfer.when = { notSaid: ['opening.policy'] };
    const live = liveReplies(scenario, new Map([['opening', new Map([['policy', 0]])]]));
    // opening leads to insult, which asks; the endings ask nothing and lead nowhere.
    expect([...(live.get('opening') ?? [])]).toEqual([0]);
    expect([...(live.get('insult') ?? [])]).toEqual([0]);
    expect([...(live.get('settled') ?? [])]).toEqual([]);
    expect([...(live.get('hangs_up') ?? [])]).toEqual([]);
  });

  it('follows the breaking point from every node that goes on, but not from an ending', () => {
    const scenario = structuredClone(exampleScenario());
    const ask = scenario.nodes.opening?.replies?.[0];
    if (!ask || !scenario.breakingPoint) throw new Error('fixture changed');
    // Only the breaking point leads back to opening, whose reply asks about "ask".
    ask.when = { notSaid: ['insult.snap'] };
    scenario.breakingPoint.to = 'opening';
    const live = liveReplies(scenario, new Map([['insult', new Map([['snap', 0]])]]));
    expect([...(live.get('insult') ?? [])]).toEqual([0]);
    expect([...(live.get('settled') ?? [])]).toEqual([]);
  });
});
