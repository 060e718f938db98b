/**
 * The equivalent conversation as our Scenario, played with `simulate` and scored with `scoreChoices`
 * ("our engine with scoring"). Emitted as JSON, which is YAML, and read back through `parseScenario`
 * so it is checked exactly like a library file.
 */
import { simulate, type Choice } from '../../../src/index.ts';
import { parseScenario, type Scenario } from '../../../src/index.ts';
import { scoreChoices } from '../../../src/index.ts';
import { REPLIES, type Description, type Trace } from './description.ts';

export function scenarioText(description: Description): string {
  const last = description.decisions.length - 1;
  const nodes: Record<string, unknown> = {};
  description.decisions.forEach((decision, d) => {
    nodes[decision.id] = {
      replies: decision.replies.map((reply) => ({
        id: reply.id,
        skills: reply.skills,
        mood: reply.mood,
        teaches: ['P8'],
        next: d === last ? [{ if: { moodBelow: description.calmBelow }, to: 'resolved' }, { to: 'lost' }] : (description.decisions[d + 1]?.id as string),
      })),
    };
  });
  nodes.resolved = { ending: 'resolved' };
  nodes.lost = { ending: 'customerLost' };
  nodes.hangs_up = { ending: 'customerLost' };
  return JSON.stringify({
    id: 'bench-equivalent',
    version: 1,
    channel: 'phone',
    difficulty: 1,
    temperament: 'shouting',
    mood: description.startMood,
    breakingPoint: { moodAtLeast: description.breaksAt, to: 'hangs_up' },
    start: description.decisions[0]?.id,
    nodes,
  }, null, 1);
}

export function buildScenario(description: Description): Scenario {
  const parsed = parseScenario(scenarioText(description), 'bench-equivalent.yaml');
  if (!parsed.ok) throw new Error(`the equivalent scenario does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.scenario;
}

/**
 * Plays once with reply indexes from `random`. The reply order is the authored one (seed null),
 * so index r is reply r in all three; `legalChoices` lists the replies first, then the breath,
 * which the bot never picks. Returns the number of decisions made.
 */
export function oursPlayer(scenario: Scenario, { score = true } = {}) {
  return (random: () => number, trace?: (trace: Trace) => void): number => {
    const end = simulate(scenario, (choices: Choice[]) => choices[Math.floor(random() * REPLIES)] as Choice);
    if (score) {
      const scored = scoreChoices(scenario, end.decisions.map((decision) => decision.choice));
      if (!scored.ok) throw new Error(`a playthrough did not score: ${scored.error}`);
      if (trace && scored.report.decisions.length !== end.decisions.length) throw new Error('scoring reviewed a different number of decisions');
    }
    if (trace) {
      if (end.decisions.some((decision) => decision.choice.kind !== 'reply')) throw new Error('the bot picked something other than a reply');
      trace({ moods: end.decisions.map((decision) => decision.moodAfter), outcome: end.outcome as Trace['outcome'] });
    }
    return end.decisions.length;
  };
}
