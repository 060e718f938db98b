import { describe, expect, it } from 'vitest';
import { analysePaths } from '../../src/analysis/paths.ts';
import { applyChoice, initialState, legalChoices, type Choice, type ConversationState } from '../../src/engine/rules.ts';
import { SKILLS, type SkillVector } from '../../src/rubric.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { scoreChoices } from '../../src/scoring/index.ts';
import { exampleScenario, FIXTURES, libraryScenarios, parseYaml } from '../helpers.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Walked {
  paths: number;
  endings: Set<string>;
  best: SkillVector;
  worst: SkillVector;
  /** Lowest overall score of a path that ends resolved. */
  weakestResolved: number;
}

/**
 * Every path, one by one, each scored by the scoring module: the slow, obvious answer the path
 * analysis must agree with. A move back to a state already on the path is skipped, as the
 * analysis documents; "the same state" means the same for everything the rules read.
 */
function walkEveryPath(scenario: Scenario): Walked {
  const named = new Set(
    Object.values(scenario.nodes).flatMap((node) => [
      ...(node.variants ?? []).map((variant) => variant.if),
      ...(node.replies ?? []).flatMap((reply) => [...(reply.when ? [reply.when] : []), ...(typeof reply.next === 'string' ? [] : reply.next.flatMap((route) => (route.if ? [route.if] : [])))]),
    ]).flatMap((condition) => [...(condition.said ?? []), ...(condition.notSaid ?? [])]),
  );
  const keyOf = (state: ConversationState) => {
    const said = new Set(state.decisions.flatMap((decision) => (decision.choice.kind === 'reply' ? [`${decision.node}.${decision.choice.reply}`] : [])));
    return JSON.stringify([state.node, state.mood, state.composure, state.breathTakenHere, [...named].filter((ref) => said.has(ref))]);
  };
  const found: Walked = { paths: 0, endings: new Set(), best: { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 }, worst: { calm: 100, notPersonal: 100, empathy: 100, concreteFix: 100 }, weakestResolved: 100 };
  const onPath = new Set<string>();
  const walk = (state: ConversationState, choices: Choice[]) => {
    if (state.outcome !== null) {
      const scored = scoreChoices(scenario, choices);
      if (!scored.ok) throw new Error(scored.error);
      found.paths++;
      found.endings.add(state.node);
      for (const skill of SKILLS) {
        found.best[skill] = Math.max(found.best[skill], scored.report.skills[skill]);
        found.worst[skill] = Math.min(found.worst[skill], scored.report.skills[skill]);
      }
      if (state.outcome === 'resolved') found.weakestResolved = Math.min(found.weakestResolved, scored.report.overall);
      return;
    }
    for (const choice of legalChoices(scenario, state)) {
      const step = applyChoice(scenario, state, choice, 0);
      if (!step.ok) throw new Error(step.error);
      const key = keyOf(step.state);
      if (onPath.has(key)) continue;
      onPath.add(key);
      walk(step.state, [...choices, choice]);
      onPath.delete(key);
    }
  };
  const start = initialState(scenario);
  onPath.add(keyOf(start));
  walk(start, []);
  return found;
}

const timedExample = (mood: number) => parseYaml(`${readFileSync(join(FIXTURES, 'dialogues', 'example.yaml'), 'utf8')}\ntimer: { seconds: 20, mood: ${mood} }\n`);
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

describe.each([
  { name: 'the example', scenario: exampleScenario() },
  { name: 'the example with a timer', scenario: timedExample(10) },
  // Letting the timer run out changes nothing here, so a silence returns to the same state.
  { name: 'the example with a timer that does not anger', scenario: timedExample(0) },
  { name: `the smallest library scenario (${smallest.id})`, scenario: smallest },
  { name: 'a scenario that remembers 40 replies', scenario: longMemory(40) },
])('path analysis of $name against walking every path', ({ scenario }) => {
  const walked = walkEveryPath(scenario);
  const analysis = analysePaths(scenario);

  it('counts the same paths and endings', () => {
    expect(analysis.paths).toBe(walked.paths);
    expect(analysis.endings).toEqual(walked.endings);
  });

  it('finds exactly the best and worst score per skill', () => {
    expect(analysis.best).toEqual(walked.best);
    expect(analysis.worst).toEqual(walked.worst);
  });

  it('proves a floor for resolved paths that no path goes under', () => {
    expect(analysis.resolved?.lowerBound).toBeLessThanOrEqual(walked.weakestResolved);
    expect(analysis.resolved?.weakest.scores.overall).toBeGreaterThanOrEqual(walked.weakestResolved);
  });
});
