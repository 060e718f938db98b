/**
 * `npm run bench:engine`: seeded random full playthroughs of the largest scenario through the
 * XState machine, plus scoring. Prints one JSON object on its last line.
 */
import { performance } from 'node:perf_hooks';
import { simulate, type Choice } from '../../src/engine/index.ts';
import { createRandom } from '../../src/random.ts';
import { scoreChoices } from '../../src/scoring/index.ts';
import { libraryScenarios } from '../helpers.ts';

const DURATION_MS = 3000;
const scenario = libraryScenarios().reduce((largest, candidate) => (Object.keys(candidate.nodes).length > Object.keys(largest.nodes).length ? candidate : largest));
const random = createRandom(42);
const pick = (choices: Choice[]) => choices[Math.floor(random() * choices.length)] as Choice;

const playOnce = () => {
  const end = simulate(scenario, pick, { seed: 7 });
  if (!scoreChoices(scenario, end.decisions.map((decision) => decision.choice)).ok) throw new Error('a playthrough did not score');
  return end.decisions.length;
};

for (let i = 0; i < 500; i++) playOnce(); // warm up the JIT
let playthroughs = 0;
let decisions = 0;
const started = performance.now();
while (performance.now() - started < DURATION_MS) {
  decisions += playOnce();
  playthroughs++;
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({
  scenario: scenario.id,
  nodes: Object.keys(scenario.nodes).length,
  playthroughs,
  meanDecisions: Number((decisions / playthroughs).toFixed(2)),
  playthroughsPerSecond: Math.round(playthroughs / seconds),
}));
