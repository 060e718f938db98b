import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPaths } from '../../src/analysis/lint.ts';
import { mermaidGraph } from '../../src/analysis/mermaid.ts';
import { formatProblem, parseScenario } from '../../src/index.ts';
import { FIXTURES } from '../helpers.ts';

const EXAMPLE = readFileSync(join(FIXTURES, 'dialogues', 'example.yaml'), 'utf8');

/** Path-analysis problems for the example with `edits` applied, formatted as the linter prints them. */
function lint(edits: [string, string][]): string[] {
  const text = edits.reduce((current, [from, to]) => {
    if (!current.includes(from)) throw new Error(`the example no longer contains: ${from}`);
    return current.replace(from, to);
  }, EXAMPLE);
  const parsed = parseScenario(text, 'dialogues/broken.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return checkPaths(parsed.scenario).map(({ path, message, severity }) => formatProblem(parsed.locate(path, severity === 'warning' ? `warning: ${message}` : message)));
}

const NODES_END = '  settled:\n    ending: resolved';

/** Path-analysis problems for a scenario in tests/fixtures/paths, formatted as the linter prints them. */
function lintFixture(name: string): string[] {
  const parsed = parseScenario(readFileSync(join(FIXTURES, 'paths', `${name}.yaml`), 'utf8'), `dialogues/${name}.yaml`);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return checkPaths(parsed.scenario).map(({ path, message, severity }) => formatProblem(parsed.locate(path, severity === 'warning' ? `warning: ${message}` : message)));
}

describe('path analysis in the dialogue lint', () => {
  it('finds nothing wrong with the example', () => {
    expect(lint([])).toEqual([]);
  });

  it('reports a node no path reaches', () => {
    const orphan = `  orphan:\n    replies:\n      - id: hello\n        skills: { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 }\n        mood: 0\n        teaches: [P8]\n        next: settled\n${NODES_END}`;
    expect(lint([[NODES_END, orphan]])).toContainEqual(expect.stringMatching(/^dialogues\/broken\.yaml:nodes\.orphan: no path reaches this node \(line \d+\)$/));
  });

  it('reports an ending no path reaches', () => {
    expect(lint([['          - if: { moodAtLeast: 85 }\n            to: posts_review\n', '']])).toContainEqual(expect.stringContaining('dialogues/broken.yaml:nodes.posts_review: no path reaches this ending'));
  });

  it('reports a reply whose condition is never true', () => {
    expect(lint([['        needsComposure: 50   # too rattled', '        when: { said: [opening.policy] }\n        needsComposure: 50   # too rattled']])).toContainEqual(
      expect.stringContaining('dialogues/broken.yaml:nodes.insult.replies[0].when: reply "boundary" is never offered'),
    );
  });

  it('reports a dead end where nothing can be said', () => {
    const limbo = `  limbo:\n    replies:\n      - id: wait\n        skills: { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 }\n        mood: 0\n        teaches: [P8]\n        when: { moodBelow: 5 }\n        next: settled\n${NODES_END}`;
    const problems = lint([['        next: insult\n      - id: policy', '        next: limbo\n      - id: policy'], [NODES_END, limbo]]);
    expect(problems).toContainEqual(expect.stringContaining('dialogues/broken.yaml:nodes.limbo: a dead end: from here no ending can be reached (for example after --choices 1)'));
  });

  it('reports a loop with no way out', () => {
    const loop = (from: string, to: string) => `  ${from}:\n    replies:\n      - id: again\n        skills: { calm: 0, notPersonal: 0, empathy: 0, concreteFix: 0 }\n        mood: 0\n        teaches: [P8]\n        next: ${to}\n`;
    // Without a breaking point the customer never gives up, so nothing ends the loop.
    const problems = lint([
      ['breakingPoint:            # optional: at this mood, after any reply, the customer is gone\n  moodAtLeast: 100\n  to: hangs_up\n', ''],
      ['        next: insult\n      - id: policy', '        next: round\n      - id: policy'],
      [NODES_END, `${loop('round', 'about')}${loop('about', 'round')}${NODES_END}`],
    ]);
    expect(problems).toContainEqual(expect.stringContaining('dialogues/broken.yaml:nodes.round: a loop with no way out'));
  });

  it('lets a reply beat the expert on one skill: no path need score 100 on every skill', () => {
    // transfer now out-fixes boundary (3 > 2) but stays below it in total (8 < 9).
    expect(lint([['{ calm: 1, notPersonal: 1, empathy: 0, concreteFix: 1 }', '{ calm: 2, notPersonal: 2, empathy: 1, concreteFix: 3 }']])).toEqual([]);
  });

  it('fails a node without a single expert reply, naming the tied replies', () => {
    expect(lint([['{ calm: 1, notPersonal: 1, empathy: 0, concreteFix: 1 }', '{ calm: 3, notPersonal: 3, empathy: 1, concreteFix: 2 }']])).toEqual([
      'dialogues/broken.yaml:nodes.insult: no single expert reply at "insult": "boundary" and "transfer" tie for the highest skill total (9, the sum of the four skill effects), and overall is measured against the one expert reply; ' +
        'raise one of them or lower the others so that one reply has the highest total (line 28)',
    ]);
  });

  it('judges the expert among the replies offered together, not among replies that never meet', () => {
    // Equal totals, but "transfer" is offered only after "policy" and "boundary" only after "ask".
    const problems = lint([
      ['          - if: { moodAtLeast: 85 }\n            to: posts_review\n', ''],
      ['{ calm: 1, notPersonal: 1, empathy: 0, concreteFix: 1 }', '{ calm: 3, notPersonal: 3, empathy: 1, concreteFix: 2 }'],
      ['        needsComposure: 50   # too rattled', '        when: { said: [opening.ask] }\n        needsComposure: 50   # too rattled'],
      ['        teaches: [P4]\n', '        teaches: [P4]\n        when: { said: [opening.policy] }\n'],
    ]);
    expect(problems).toEqual([expect.stringContaining('dialogues/broken.yaml:nodes.posts_review: no path reaches this ending')]);
  });

  it('fails an escalation the scenario does not teach when it is the expert\'s move, since it would leave nothing unearned', () => {
    const problems = lint([
      ['{ calm: 1, notPersonal: 1, empathy: 0, concreteFix: 1 }', '{ calm: 3, notPersonal: 3, empathy: 3, concreteFix: 3 }'],
      ['        teaches: [P4]\n', '        teaches: [P2]\n'],
    ]);
    expect(problems).toEqual([
      'dialogues/broken.yaml:nodes.insult.replies[2]: "transfer" is the expert\'s move at "insult" (the highest total) and ends the conversation "escalated" whatever the mood without teaching the hand-over (P4), ' +
        'so nothing after it counts as unearned (--choices 1,3) and this escalation scores as well as playing the conversation through; give another reply here the highest total, let this one lead on, or teach the hand-over (P4) if handing over is right here (line 42)',
    ]);
    // Taught (P4), the same hand-over is the expert's ending.
    expect(lint([['{ calm: 1, notPersonal: 1, empathy: 0, concreteFix: 1 }', '{ calm: 3, notPersonal: 3, empathy: 3, concreteFix: 3 }']])).toEqual([]);
  });

  it('fails, with the path, handling that scores 80 or more and still loses the customer', () => {
    // A needless breath at the opening leaves the customer angry enough to leave after boundary: 30 of 32.
    const boundaryNext = '        needsComposure: 50   # too rattled to say this well: take a breath first (P1)\n        next: settled';
    const routed = '        needsComposure: 50   # too rattled to say this well: take a breath first (P1)\n        next:\n          - if: { moodAtLeast: 40 }\n            to: hangs_up\n          - to: settled';
    expect(lint([[boundaryNext, routed]])).toEqual([
      'dialogues/broken.yaml:nodes.hangs_up: a path scoring 94 overall ends "customerLost" (--choices breath,1,breath,1); no path scoring 80 or more may end with the customer lost or a public complaint, ' +
        'so let handling this good keep the customer, or make the moves that lose them score lower (line 57)',
    ]);
  });

  it('warns where the difficulty label and the measure disagree: the share of mostly-good trainees who resolve, exactly', () => {
    // The example measures 3: a mostly-good trainee resolves 56.64 % (tests/unit/mostlyGood.test.ts works it out by hand).
    expect(lint([['difficulty: 3 ', 'difficulty: 1 ']])).toEqual([
      'dialogues/broken.yaml:difficulty: warning: labelled 1 (easy), but a mostly-good trainee resolves 56 % (measured 3: 1 needs ≥ 90 %, 2 ≥ 70 %); change the label or the scenario (line 4)',
    ]);
    expect(lint([['difficulty: 3 ', 'difficulty: 2 ']])).toEqual([expect.stringContaining('difficulty: warning: labelled 2 (medium), but a mostly-good trainee resolves 56 % (measured 3')]);
  });

  it('fails a scenario where bad handling still ends "resolved", with the weakest such path', () => {
    const problems = lint([
      ['          - if: { moodAtLeast: 85 }\n            to: posts_review\n', ''],
      ['        composure: -10\n        teaches: [P5, P6]\n        next: hangs_up', '        composure: -10\n        teaches: [P5, P6]\n        next: settled'],
    ]);
    expect(problems).toContainEqual(
      'dialogues/broken.yaml:nodes: resolved paths score as low as 32 overall, under 40 (--choices breath,1,2); the rubric would reward bad handling, so route poor handling to a weaker ending (line 12)',
    );
  });

  it('holds resolved paths to the exact floor, the weakest resolved path', () => {
    // Four replies each give up one skill and total 6 against the expert's 12, the worst at the only decision; a needless breath earns nothing either.
    expect(lintFixture('uneven-resolved')).toEqual([
      'dialogues/uneven-resolved.yaml:nodes: resolved paths score as low as 0 overall, under 40 (--choices breath,2); the rubric would reward bad handling, so route poor handling to a weaker ending (line 12)',
    ]);
  });

  it('refuses a conversation that can come back to the same state, naming the loop and a way round it', () => {
    expect(lintFixture('cyclic')).toEqual([
      'dialogues/cyclic.yaml:nodes.a.replies[0]: a trainee can go round a → b → a forever ("gob", "goa") and the conversation comes back unchanged (mood 100, composure 100; --choices 1,1,1 goes round once), ' +
        'so it need never end and its paths cannot be counted; make a move on this loop change the mood each time round (toward a breaking point), offer a reply only once (when: { notSaid: [...] }), or lead out of the loop (line 18)',
    ]);
  });

  it('refuses a timer whose silence changes nothing, once, at the timer', () => {
    expect(lint([['breakingPoint:', 'timer: { seconds: 20, mood: 0 }\nbreakingPoint:']])).toEqual([
      'dialogues/broken.yaml:timer.mood: a trainee can let the timer run out forever at opening, insult: silence leaves the conversation unchanged (at opening: mood 70, composure 100; --choices wait waits once), ' +
        'so it need never end and its paths cannot be counted; make silence move the mood each time (toward a breaking point) (line 7)',
    ]);
  });

  it('refuses a breaking point that sends the customer back into the conversation, at the breaking point', () => {
    expect(lintFixture('breath-loop')).toEqual([
      'dialogues/breath-loop.yaml:breakingPoint.to: a trainee can go round hold → hold forever (a breath) and the conversation comes back unchanged (mood 100, composure 100; --choices breath,breath,breath,breath,breath goes round once), ' +
        'so it need never end and its paths cannot be counted; make a move on this loop change the mood each time round (toward a breaking point), offer a reply only once (when: { notSaid: [...] }), or lead out of the loop (line 10)',
    ]);
  });
});

describe('the Mermaid graph in the dialogue report', () => {
  it('draws every node, every route with its condition, and the breaking point', () => {
    const parsed = parseScenario(EXAMPLE, 'example.yaml');
    if (!parsed.ok) throw new Error('example does not parse');
    const graph = mermaidGraph(parsed.scenario);
    expect(graph.split('\n')[0]).toBe('flowchart TD');
    expect(graph).toContain('insult["insult (composure -60)"]');
    expect(graph).toContain('opening -->|"2 policy if mood ≥ 85"| posts_review');
    expect(graph).toContain('insult -->|"1 boundary 🔒"| settled');
    expect(graph).toContain('settled(["settled: resolved"])');
    expect(graph).toContain('breaking{{"any node, mood ≥ 100"}} -.-> hangs_up');
  });
});
