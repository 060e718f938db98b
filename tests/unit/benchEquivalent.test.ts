import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random.ts';
import { describeConversation, expectedTrace, type Trace } from '../bench/engine/description.ts';
import { checkEquivalence, equivalentPlayers } from '../bench/engine/equivalent.ts';

describe('the engine benchmark\'s equivalent conversation', () => {
  const { description, scenario, players } = equivalentPlayers();

  it('is 12 decisions × 3 replies, with a breaking point random play cannot reach', () => {
    expect(description.decisions).toHaveLength(12);
    expect(description.decisions.every((decision) => decision.replies.length === 3)).toBe(true);
    expect(Object.keys(scenario.nodes)).toHaveLength(12 + 3);
    expect(() => describeConversation(40)).toThrow(/breaking point/);
  });

  it('plays the same in our engine (with scoring), ink and bare XState', () => {
    expect(() => checkEquivalence(players, description, 50, 7)).not.toThrow();
  });

  it('reaches both endings, and clamps mood at 0 in all three', () => {
    const outcomes = new Set<string>();
    const random = createRandom(3);
    for (let i = 0; i < 200; i++) players.ink(random, (trace) => outcomes.add(trace.outcome));
    expect(outcomes).toEqual(new Set(['resolved', 'customerLost']));

    const coolest = description.decisions.map((decision) => decision.replies.findIndex((reply) => reply.mood < 0));
    for (const play of [players.ours, players.ink, players.bareXState]) {
      let next = 0;
      const scripted = () => ((coolest[next++ % coolest.length] as number) + 0.5) / 3;
      let seen: Trace | undefined;
      play(scripted, (trace) => (seen = trace));
      expect(seen).toEqual(expectedTrace(description, coolest));
      expect(seen?.moods.at(-1)).toBe(0);
    }
  });

  it('catches a player that drifts from the description', () => {
    const drifted = equivalentPlayers({ ...description, calmBelow: description.calmBelow + 10 });
    expect(() => checkEquivalence({ ink: drifted.players.ink }, description, 50)).toThrow(/ink, playthrough/);
  });
});
