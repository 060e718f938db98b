import { applyChoice, availableOptions, initialState, type Choice } from '../engine/rules.ts';
import { SKILLS } from '../rubric.ts';
import type { PathPart } from '../scenario/problems.ts';
import type { Scenario } from '../scenario/schema.ts';
import { analysePaths, type PathAnalysis } from './paths.ts';

/** Below this overall score a "resolved" ending means the rubric rewards bad handling. */
export const RESOLVED_FLOOR = 40;

export interface PathFinding {
  path: PathPart[];
  message: string;
}

/** What path analysis says is wrong with a scenario, each finding placed at the node or reply it concerns. */
export function checkPaths(scenario: Scenario, analysis: PathAnalysis = analysePaths(scenario)): PathFinding[] {
  const findings: PathFinding[] = [];
  const reached = new Set([...analysis.endings, ...analysis.stuck.map((stuck) => stuck.node), ...[...analysis.offeredReplies].map((ref) => ref.split('.')[0] ?? '')]);
  const loops = nodesInLoops(scenario);

  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    if (!reached.has(nodeId)) {
      findings.push({ path: ['nodes', nodeId], message: node.ending ? 'no path reaches this ending' : 'no path reaches this node' });
      continue;
    }
    node.replies?.forEach((reply, i) => {
      if (!analysis.offeredReplies.has(`${nodeId}.${reply.id}`)) {
        findings.push({ path: ['nodes', nodeId, 'replies', i, 'when'], message: `reply "${reply.id}" is never offered: its "when" condition is false on every path that reaches this node` });
      }
    });
  }
  for (const stuck of analysis.stuck) {
    const how = stuck.choices.length > 0 ? ` (for example after --choices ${asTokens(scenario, stuck.choices)})` : '';
    const what = loops.has(stuck.node) ? 'a loop with no way out: from here no ending can be reached' : 'a dead end: from here no ending can be reached';
    findings.push({ path: ['nodes', stuck.node], message: `${what}${how}` });
  }
  if (!analysis.perfectPath) {
    const best = SKILLS.map((skill) => `${skill} ${analysis.best[skill]}`).join(', ');
    findings.push({ path: ['nodes'], message: `no path scores 100 on every skill (best possible: ${best}); give every decision one reply that is best on all four skills` });
  }
  const weakest = analysis.resolved?.weakest;
  if (weakest && weakest.scores.overall < RESOLVED_FLOOR) {
    findings.push({
      path: ['nodes'],
      message: `a path ends "resolved" with only ${weakest.scores.overall} overall (--choices ${asTokens(scenario, weakest.choices)}): the rubric would reward bad handling; route poor handling to a weaker ending`,
    });
  }
  return findings;
}

/** One line per scenario for the lint's summary: the size of the conversation and its score bounds. */
export function describeAnalysis(scenario: Scenario, analysis: PathAnalysis): string {
  const bounds = (scores: PathAnalysis['best']) => SKILLS.map((skill) => scores[skill]).join('/');
  const resolved = analysis.resolved ? `; resolved paths score at least ${analysis.resolved.lowerBound} (weakest found ${analysis.resolved.weakest.scores.overall})` : '';
  return `${scenario.id}: ${analysis.paths.toLocaleString('en')} paths, ${analysis.endings.size} endings (${[...analysis.outcomes].join(', ')}); per skill (calm/not personal/empathy/fix) best ${bounds(analysis.best)}, worst ${bounds(analysis.worst)}${resolved}`;
}

/** Choices as `npm run play -- --choices` takes them: 1-based options in authored order, breath, wait. */
export function asTokens(scenario: Scenario, choices: readonly Choice[]): string {
  let state = initialState(scenario);
  const tokens = choices.map((choice) => {
    const token = choice.kind === 'reply' ? String(availableOptions(scenario, state).findIndex((option) => option.reply.id === choice.reply) + 1) : choice.kind === 'breath' ? 'breath' : 'wait';
    const step = applyChoice(scenario, state, choice, 0);
    if (step.ok) state = step.state;
    return token;
  });
  return tokens.join(',');
}

/** Nodes on a cycle of the conversation graph (ignoring conditions), to tell a loop from a plain dead end. */
function nodesInLoops(scenario: Scenario): Set<string> {
  const targets = (nodeId: string) =>
    (scenario.nodes[nodeId]?.replies ?? []).flatMap((reply) => (typeof reply.next === 'string' ? [reply.next] : reply.next.map((route) => route.to)));
  const inLoop = new Set<string>();
  for (const start of Object.keys(scenario.nodes)) {
    const seen = new Set<string>();
    const pending = targets(start);
    while (pending.length > 0) {
      const next = pending.pop() as string;
      if (next === start) inLoop.add(start);
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(...targets(next));
    }
  }
  return inLoop;
}
