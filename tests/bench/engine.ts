/**
 * `npm run bench:engine`: seeded random full playthroughs, each timed for the same total duration in
 * short interleaved slices (A B C D E A B C D E …) so machine noise hits all of them alike:
 *
 * - the largest library scenario through our engine, plus scoring (the ≥ 5,000 playthroughs/s floor);
 * - one equivalent conversation (12 decisions × 3 replies with a mood variable, tests/bench/engine/)
 *   played three ways with the same picks: our engine with scoring, inkjs, and a bare XState machine;
 *   plus our engine without scoring, to show what scoring costs.
 *
 * Prints one JSON object on its last line; `inkRatio` and `bareXStateRatio` are ours-with-scoring
 * over ink and over bare XState (goals: ≥ 3 and ≥ 0.8).
 */
import { performance } from 'node:perf_hooks';
import { simulate, type Choice } from '../../src/index.ts';
import { createRandom } from '../../src/random.ts';
import { scoreChoices } from '../../src/index.ts';
import { libraryScenarios } from '../helpers.ts';
import { checkEquivalence, equivalentPlayers, type Player } from './engine/equivalent.ts';
import { median, round } from './stats.ts';

const DURATION_MS = 3000;
const SLICE_MS = 100;
const WARMUP_MS = 500;
const SEED = 42;

const scenario = libraryScenarios().reduce((largest, candidate) => (Object.keys(candidate.nodes).length > Object.keys(largest.nodes).length ? candidate : largest));
const libraryPlayer: Player = (random) => {
  const end = simulate(scenario, (choices: Choice[]) => choices[Math.floor(random() * choices.length)] as Choice, { seed: 7 });
  if (!scoreChoices(scenario, end.decisions.map((decision) => decision.choice)).ok) throw new Error('a playthrough did not score');
  return end.decisions.length;
};

// Building and compiling (ink) happen here, outside the timed part; so does the fairness check.
const { description, players } = equivalentPlayers();
checkEquivalence(players, description);

interface Contender {
  name: string;
  play: Player;
  random: () => number;
  /** Decisions every playthrough must make; undefined where they vary (the library scenario). */
  decisionsEach: number | undefined;
  playthroughs: number;
  decisions: number;
  ms: number;
  /** Playthroughs a second in each timed slice, one per round. */
  rates: number[];
}

const contender = (name: string, play: Player, decisionsEach?: number): Contender => ({
  name, play, random: createRandom(SEED), decisionsEach, playthroughs: 0, decisions: 0, ms: 0, rates: [],
});
// BENCH_ONLY=ours,library runs just those (e.g. under `node --cpu-prof`); the ratios then need ours, ink and bareXState.
const only = process.env.BENCH_ONLY?.split(',');
const contenders = [
  contender('library', libraryPlayer),
  contender('ours', players.ours, description.decisions.length),
  contender('ink', players.ink, description.decisions.length),
  contender('bareXState', players.bareXState, description.decisions.length),
  contender('oursPlayOnly', players.oursPlayOnly, description.decisions.length),
].filter((c) => only === undefined || only.includes(c.name));
const placeholder = contender('(not run)', () => 0);
const byName = (name: string) => contenders.find((c) => c.name === name) ?? placeholder;

function slice(c: Contender, ms: number): { playthroughs: number; decisions: number; ms: number } {
  let playthroughs = 0;
  let decisions = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    decisions += c.play(c.random);
    playthroughs++;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  // Fairness, counted on every timed playthrough: each one really made all its decisions.
  if (c.decisionsEach !== undefined && decisions !== c.decisionsEach * playthroughs) {
    throw new Error(`${c.name} made ${decisions} decisions in ${playthroughs} playthroughs, not ${c.decisionsEach} each`);
  }
  return { playthroughs, decisions, ms: elapsed };
}

for (let warm = 0; warm < WARMUP_MS / SLICE_MS; warm++) for (const c of contenders) slice(c, SLICE_MS); // warm up the JIT, interleaved
while (contenders.some((c) => c.ms < DURATION_MS)) {
  for (const c of contenders) {
    const done = slice(c, SLICE_MS);
    c.playthroughs += done.playthroughs;
    c.decisions += done.decisions;
    c.ms += done.ms;
    c.rates.push((1000 * done.playthroughs) / done.ms);
  }
}

const perSecond = (c: Contender) => Math.round((1000 * c.playthroughs) / c.ms);
const ours = byName('ours');
const ratio = (other: Contender) => round(perSecond(ours) / perSecond(other), 2);
/** Ours over the other in each round (both sliced within the same ~0.5 s): min, median, max. */
const roundRatios = (other: Contender) => {
  const ratios = ours.rates.map((rate, i) => rate / (other.rates[i] ?? NaN));
  return [round(Math.min(...ratios), 2), round(median(ratios), 2), round(Math.max(...ratios), 2)];
};
const library = byName('library');
const inkRatio = ratio(byName('ink'));
const bareXStateRatio = ratio(byName('bareXState'));

console.log(JSON.stringify({
  scenario: scenario.id,
  nodes: Object.keys(scenario.nodes).length,
  playthroughs: library.playthroughs,
  meanDecisions: round(library.decisions / library.playthroughs, 2),
  playthroughsPerSecond: perSecond(library),
  equivalent: {
    decisions: description.decisions.length,
    replies: description.decisions[0]?.replies.length,
    playthroughsPerSecond: Object.fromEntries(contenders.filter((c) => c !== library).map((c) => [c.name, perSecond(c)])),
  },
  inkRatio,
  bareXStateRatio,
  roundRatios: { ink: roundRatios(byName('ink')), bareXState: roundRatios(byName('bareXState')) },
  goals: { inkRatioAtLeast3: inkRatio >= 3, bareXStateRatioAtLeast08: bareXStateRatio >= 0.8, libraryAtLeast5000: perSecond(library) >= 5000 },
}));
