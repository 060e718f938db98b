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
  return checkPaths(parsed.scenario).map(({ path, message }) => formatProblem(parsed.locate(path, message)));
}

const NODES_END = '  settled:\n    ending: resolved';

/** Path-analysis problems for a scenario in tests/fixtures/paths, formatted as the linter prints them. */
function lintFixture(name: string): string[] {
  const parsed = parseScenario(readFileSync(join(FIXTURES, 'paths', `${name}.yaml`), 'utf8'), `dialogues/${name}.yaml`);
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return checkPaths(parsed.scenario).map(({ path, message }) => formatProblem(parsed.locate(path, message)));
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

  it('fails a scenario whose best path cannot reach 100 on every skill', () => {
    const problems = lint([['{ calm: 1, notPersonal: 1, empathy: 0, concreteFix: 1 }', '{ calm: 1, notPersonal: 1, empathy: 0, concreteFix: 3 }']]);
    expect(problems).toContainEqual(expect.stringMatching(/^dialogues\/broken\.yaml:nodes: no path scores 100 on every skill \(best possible: calm 100, notPersonal 100, empathy 100, concreteFix \d+\)/));
  });

  it('fails a scenario where bad handling still ends "resolved"', () => {
    const problems = lint([
      ['          - if: { moodAtLeast: 85 }\n            to: posts_review\n', ''],
      ['        composure: -10\n        teaches: [P5, P6]\n        next: hangs_up', '        composure: -10\n        teaches: [P5, P6]\n        next: settled'],
    ]);
    const finding = problems.find((problem) => problem.includes('resolved paths may score under 40'));
    expect(finding).toMatch(/^dialogues\/broken\.yaml:nodes: resolved paths may score under 40 overall: each skill's worst on a path that ends "resolved" averages (\d+) \(the weakest single path found scores \d+: --choices [\d,a-z]+\); the rubric would reward bad handling/);
    expect(Number(finding?.match(/averages (\d+)/)?.[1])).toBeLessThan(40);
  });

  it('holds resolved paths to the proven floor, not to the weakest path it happened to find', () => {
    expect(lintFixture('uneven-resolved')).toEqual([
      'dialogues/uneven-resolved.yaml:nodes: resolved paths may score under 40 overall: each skill\'s worst on a path that ends "resolved" averages 0 (the weakest single path found scores 68: --choices breath,2); the rubric would reward bad handling, so route poor handling to a weaker ending (line 12)',
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
