/**
 * The three builds of the equivalent conversation, ready to play, and the fairness check: with the
 * same seeded picks, each must make every decision and reach the same mood after each one and the
 * same outcome as the description says; ours must also score.
 */
import { createRandom } from '../../../src/random.ts';
import { buildBareMachine, bareXStatePlayer } from './bareXState.ts';
import { describeConversation, expectedTrace, REPLIES, type Trace } from './description.ts';
import { buildInkStory, inkPlayer } from './ink.ts';
import { buildScenario, oursPlayer } from './scenario.ts';

/** Plays one playthrough with picks from `random`; returns the number of decisions made. `trace`, when given, receives what happened. */
export type Player = (random: () => number, trace?: (trace: Trace) => void) => number;

export function equivalentPlayers(description = describeConversation()) {
  const scenario = buildScenario(description);
  const machine = buildBareMachine(description);
  return {
    description,
    scenario,
    players: {
      ours: oursPlayer(scenario),
      oursPlayOnly: oursPlayer(scenario, { score: false }),
      ink: inkPlayer(buildInkStory(description)),
      bareXState: bareXStatePlayer(machine, description),
    } satisfies Record<string, Player>,
  };
}

/** Throws, naming the player and playthrough, unless every player plays exactly what the description says. */
export function checkEquivalence(players: Record<string, Player>, description = describeConversation(), playthroughs = 200, seed = 42): void {
  for (const [name, play] of Object.entries(players)) {
    const random = createRandom(seed);
    const reference = createRandom(seed);
    for (let i = 0; i < playthroughs; i++) {
      let seen: Trace | undefined;
      const decisions = play(random, (trace) => (seen = trace));
      const picks = description.decisions.map(() => Math.floor(reference() * REPLIES));
      const expected = expectedTrace(description, picks);
      const where = `${name}, playthrough ${i + 1}`;
      if (decisions !== description.decisions.length) throw new Error(`${where}: ${decisions} decisions, not ${description.decisions.length}`);
      if (JSON.stringify(seen) !== JSON.stringify(expected)) throw new Error(`${where}: played ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
    }
  }
}
