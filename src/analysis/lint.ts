import { applyChoice, availableOptions, initialState, type Choice } from '../engine/rules.ts';
import { SKILLS } from '../rubric.ts';
import type { PathPart } from '../scenario/problems.ts';
import { replyTargets, type Scenario } from '../scenario/schema.ts';
import { stronglyConnected } from './components.ts';
import { analyseConversation, type ConversationAnalysis, type StateCycle } from './paths.ts';

/** Below this overall score a "resolved" ending means the rubric rewards bad handling. */
export const RESOLVED_FLOOR = 40;

export interface PathFinding {
  path: PathPart[];
  message: string;
}

/** What path analysis says is wrong with a scenario, each finding placed at the node or reply it concerns. */
export function checkPaths(scenario: Scenario, analysis: ConversationAnalysis = analyseConversation(scenario)): PathFinding[] {
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
  if (analysis.kind === 'endless') {
    // Silence stays on its node, so a loop of silences alone is one per node, all caused by the timer: one finding.
    const waits = analysis.cycles.filter((cycle) => cycle.moves.every((move) => move.choice.kind === 'silence'));
    findings.push(...analysis.cycles.filter((cycle) => !waits.includes(cycle)).map((cycle) => loopFinding(scenario, cycle)));
    if (waits.length > 0) findings.push(waitFinding(scenario, waits));
    return findings;
  }
  if (!analysis.perfectPath) {
    const best = SKILLS.map((skill) => `${skill} ${analysis.best[skill]}`).join(', ');
    findings.push({ path: ['nodes'], message: `no path scores 100 on every skill (best possible: ${best}); give every decision one reply that is best on all four skills` });
  }
  // The proven floor, not the weakest path found: the heuristic may miss a weaker one.
  if (analysis.resolved && analysis.resolved.lowerBound < RESOLVED_FLOOR) {
    const { lowerBound, weakest } = analysis.resolved;
    findings.push({
      path: ['nodes'],
      message: `resolved paths may score under ${RESOLVED_FLOOR} overall: each skill's worst on a path that ends "resolved" averages ${lowerBound} (the weakest single path found scores ${weakest.scores.overall}: --choices ${asTokens(scenario, weakest.choices)}); the rubric would reward bad handling, so route poor handling to a weaker ending`,
    });
  }
  return findings;
}

const COUNT_REFUSED = 'so it need never end and its paths cannot be counted';

/** Where a loop of states shows in the file (its first reply, else the breaking point that re-enters its node) and how to leave it. */
function loopFinding(scenario: Scenario, cycle: StateCycle): PathFinding {
  const nodes = [...cycle.moves.map((move) => move.node), cycle.moves[0]?.node].join(' → ');
  const moves = cycle.moves.map(({ choice }) => (choice.kind === 'reply' ? `"${choice.reply}"` : choice.kind === 'breath' ? 'a breath' : 'silence')).join(', ');
  const roundOnce = asTokens(scenario, [...cycle.approach, ...cycle.moves.map((move) => move.choice)]);
  const firstReply = cycle.moves.flatMap(({ node, choice }) => (choice.kind === 'reply' ? [{ node, reply: choice.reply }] : []))[0];
  return {
    path: firstReply ? ['nodes', firstReply.node, 'replies', scenario.nodes[firstReply.node]?.replies?.findIndex((reply) => reply.id === firstReply.reply) ?? 0] : ['breakingPoint', 'to'],
    message:
      `a trainee can go round ${nodes} forever (${moves}) and the conversation comes back unchanged (mood ${cycle.mood}, composure ${cycle.composure}; --choices ${roundOnce} goes round once), ` +
      `${COUNT_REFUSED}; make a move on this loop change the mood each time round (toward a breaking point), offer a reply only once (when: { notSaid: [...] }), or lead out of the loop`,
  };
}

/** Nodes where letting the timer run out leaves the conversation as it was. */
function waitFinding(scenario: Scenario, waits: StateCycle[]): PathFinding {
  const [first] = waits as [StateCycle];
  const waitOnce = asTokens(scenario, [...first.approach, { kind: 'silence' }]);
  return {
    path: ['timer', 'mood'],
    message:
      `a trainee can let the timer run out forever at ${waits.map((wait) => wait.moves[0]?.node).join(', ')}: silence leaves the conversation unchanged (at ${first.moves[0]?.node}: mood ${first.mood}, composure ${first.composure}; --choices ${waitOnce} waits once), ` +
      `${COUNT_REFUSED}; make silence move the mood each time (toward a breaking point)`,
  };
}

/** "notPersonal" → "not personal". */
const skillLabel = (skill: string) => skill.replace(/[A-Z]/g, (capital) => ` ${capital.toLowerCase()}`);

/** One line per scenario for the lint's summary: the size of the conversation and its score bounds. */
export function describeAnalysis(scenario: Scenario, analysis: ConversationAnalysis): string {
  const endings = `${analysis.endings.size} endings (${[...analysis.outcomes].join(', ')})`;
  if (analysis.kind === 'endless') return `${scenario.id}: ${analysis.states.toLocaleString('en')} states, ${endings}; can go round forever, so paths and score bounds are not worked out`;
  const bounds = (scores: typeof analysis.best) => SKILLS.map((skill) => scores[skill]).join('/');
  const resolved = analysis.resolved ? `; resolved paths score at least ${analysis.resolved.lowerBound} (weakest found ${analysis.resolved.weakest.scores.overall})` : '';
  return `${scenario.id}: ${analysis.paths.toLocaleString('en')} paths, ${endings}; per skill (${SKILLS.map(skillLabel).join('/')}) best ${bounds(analysis.best)}, worst ${bounds(analysis.worst)}${resolved}`;
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
  const ids = Object.keys(scenario.nodes);
  const number = new Map(ids.map((id, i) => [id, i]));
  const firstEdge = [0];
  const to: number[] = [];
  for (const node of Object.values(scenario.nodes)) {
    for (const reply of node.replies ?? []) to.push(...replyTargets(reply).flatMap((target) => number.get(target) ?? []));
    firstEdge.push(to.length);
  }
  return new Set(stronglyConnected({ firstEdge, to }).cyclic.flat().map((i) => ids[i] ?? ''));
}
