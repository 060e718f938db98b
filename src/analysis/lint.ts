import { applyChoice, availableOptions, initialState, type Choice } from '../engine/rules.ts';
import { SKILLS } from '../rubric.ts';
import type { LocatedMessage, PathPart } from '../scenario/problems.ts';
import { replyTargets, type Reply, type Scenario } from '../scenario/schema.ts';
import { total } from '../scoring/score.ts';
import { stronglyConnected } from './components.ts';
import { DIFFICULTY_THRESHOLDS, measuredDifficulty } from './mostlyGood.ts';
import { analyseConversation, type ConversationAnalysis, type PathAnalysis, type StateCycle } from './paths.ts';

/** Below this overall score a "resolved" ending means the rubric rewards bad handling. */
export const RESOLVED_FLOOR = 40;
/** At this overall score or above, handling was too good to end with the customer lost or a public complaint. */
export const LOST_CEILING = 80;

export interface PathFinding {
  path: PathPart[];
  message: string;
  /** An error fails the lint and the build; a warning (a difficulty label the measure disagrees with) is printed and fails nothing. */
  severity: 'error' | 'warning';
}

/** What path analysis says is wrong with a scenario, each finding placed at the node or reply it concerns. */
export function checkPaths(scenario: Scenario, analysis: ConversationAnalysis = analyseConversation(scenario)): PathFinding[] {
  const findings: PathFinding[] = [];
  const error = (path: PathPart[], message: string) => findings.push({ path, message, severity: 'error' });
  const reached = new Set([...analysis.endings, ...analysis.stuck.map((stuck) => stuck.node), ...[...analysis.offeredReplies].map((ref) => ref.split('.')[0] ?? '')]);
  const loops = nodesInLoops(scenario);

  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    if (!reached.has(nodeId)) {
      error(['nodes', nodeId], node.ending ? 'no path reaches this ending' : 'no path reaches this node');
      continue;
    }
    node.replies?.forEach((reply, i) => {
      if (!analysis.offeredReplies.has(`${nodeId}.${reply.id}`)) {
        error(['nodes', nodeId, 'replies', i, 'when'], `reply "${reply.id}" is never offered: its "when" condition is false on every path that reaches this node`);
      }
    });
  }
  for (const stuck of analysis.stuck) {
    const how = stuck.choices.length > 0 ? ` (for example after --choices ${asTokens(scenario, stuck.choices)})` : '';
    const what = loops.has(stuck.node) ? 'a loop with no way out: from here no ending can be reached' : 'a dead end: from here no ending can be reached';
    error(['nodes', stuck.node], `${what}${how}`);
  }
  for (const tie of expertTies(analysis)) error(['nodes', tie.node], tieMessage(tie));
  if (analysis.kind === 'endless') {
    // Silence stays on its node, so a loop of silences alone is one per node, all caused by the timer: one finding.
    const waits = analysis.cycles.filter((cycle) => cycle.moves.every((move) => move.choice.kind === 'silence'));
    for (const cycle of analysis.cycles.filter((cycle) => !waits.includes(cycle))) findings.push({ ...loopFinding(scenario, cycle), severity: 'error' });
    if (waits.length > 0) findings.push({ ...waitFinding(scenario, waits), severity: 'error' });
    return findings;
  }
  // The exact floor: the lowest overall of any path that ends "resolved".
  if (analysis.resolved && analysis.resolved.lowerBound < RESOLVED_FLOOR) {
    const { lowerBound, weakest } = analysis.resolved;
    error(
      ['nodes'],
      `resolved paths score as low as ${lowerBound} overall, under ${RESOLVED_FLOOR} (--choices ${asTokens(scenario, weakest.choices)}); the rubric would reward bad handling, so route poor handling to a weaker ending`,
    );
  }
  for (const exit of analysis.earlyExits) error(moveWhere(scenario, exit.node, exit.choice), earlyExitMessage(scenario, exit));
  if (analysis.lostOrPublic && analysis.lostOrPublic.scores.overall >= LOST_CEILING) {
    const { scores, outcome, choices } = analysis.lostOrPublic;
    error(
      ['nodes', endingNode(scenario, choices)],
      `a path scoring ${scores.overall} overall ends "${outcome}" (--choices ${asTokens(scenario, choices)}); no path scoring ${LOST_CEILING} or more may end with the customer lost or a public complaint, ` +
        'so let handling this good keep the customer, or make the moves that lose them score lower',
    );
  }
  const measured = measuredDifficulty(analysis.mostlyGood.resolved);
  if (measured !== scenario.difficulty) findings.push({ path: ['difficulty'], message: difficultyMessage(scenario.difficulty, analysis.mostlyGood.resolved), severity: 'warning' });
  return findings;
}

const DIFFICULTY_NAMES: Record<number, string> = { 1: 'easy', 2: 'medium', 3: 'hard' };

/** Whole percent, rounded down so that it never crosses a threshold the exact share has not reached. */
const percentDown = (share: number) => Math.floor(100 * share + 1e-9);

/** The label against the measure (the exact share of mostly-good conversations that end resolved), and what each level needs. */
export function difficultyMessage(label: number, resolved: number): string {
  const { easyFrom, mediumFrom } = DIFFICULTY_THRESHOLDS;
  return (
    `labelled ${label} (${DIFFICULTY_NAMES[label] ?? '?'}), but a mostly-good trainee resolves ${percentDown(resolved)} % ` +
    `(measured ${measuredDifficulty(resolved)}: 1 needs ≥ ${percentDown(easyFrom)} %, 2 ≥ ${percentDown(mediumFrom)} %); change the label or the scenario`
  );
}

/** The distinct sets of replies offered together at each node, and those tied for the highest total in one. */
function expertTies(analysis: ConversationAnalysis): { node: string; replies: Reply[]; total: number }[] {
  const ties = new Map<string, { node: string; replies: Reply[]; total: number }>();
  for (const { node, replies } of analysis.offeredTogether) {
    const top = Math.max(...replies.map((reply) => total(reply.skills)));
    const tied = replies.filter((reply) => total(reply.skills) === top);
    const key = `${node} ${tied.map((reply) => reply.id).join()}`;
    if (tied.length > 1 && !ties.has(key)) ties.set(key, { node, replies: tied, total: top });
  }
  return [...ties.values()];
}

function tieMessage({ node, replies, total: top }: { node: string; replies: Reply[]; total: number }): string {
  const names = replies.map((reply) => `"${reply.id}"`);
  const listed = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return (
    `no single expert reply at "${node}": ${listed} tie for the highest skill total (${top}, the sum of the four skill effects), and overall is measured against the one expert reply; ` +
    'raise one of them or lower the others so that one reply has the highest total'
  );
}

/** Where a move shows in the file: a reply, the breaking point a breath runs into, or the timer. */
function moveWhere(scenario: Scenario, node: string, choice: Choice): PathPart[] {
  if (choice.kind === 'reply') return ['nodes', node, 'replies', scenario.nodes[node]?.replies?.findIndex((reply) => reply.id === choice.reply) ?? 0];
  return choice.kind === 'breath' ? ['breakingPoint', 'to'] : ['timer'];
}

const moveName = (choice: Choice) => (choice.kind === 'reply' ? `"${choice.reply}"` : choice.kind === 'breath' ? 'a breath' : 'silence');

function earlyExitMessage(scenario: Scenario, exit: PathAnalysis['earlyExits'][number]): string {
  return (
    `${moveName(exit.choice)} is the expert's move at "${exit.node}" (the highest total) and ends the conversation "${exit.outcome}" whatever the mood without teaching the hand-over (P4), ` +
    `so nothing after it counts as unearned (--choices ${asTokens(scenario, exit.choices)}) and this escalation scores as well as playing the conversation through; ` +
    'give another reply here the highest total, let this one lead on, or teach the hand-over (P4) if handing over is right here'
  );
}

/** The ending a path stops at. */
function endingNode(scenario: Scenario, choices: readonly Choice[]): string {
  let state = initialState(scenario);
  for (const choice of choices) {
    const step = applyChoice(scenario, state, choice, 0);
    if (step.ok) state = step.state;
  }
  return state.node;
}

const COUNT_REFUSED = 'so it need never end and its paths cannot be counted';

/** Where a loop of states shows in the file (its first reply, else the breaking point that re-enters its node) and how to leave it. */
function loopFinding(scenario: Scenario, cycle: StateCycle): LocatedMessage {
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
function waitFinding(scenario: Scenario, waits: StateCycle[]): LocatedMessage {
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
  const overall = `; overall ${analysis.overall.worst}–${analysis.overall.best}`;
  const resolved = analysis.resolved ? `, resolved paths at least ${analysis.resolved.lowerBound}` : ', no path ends resolved';
  const lost = analysis.lostOrPublic ? `, paths that end lost or public at most ${analysis.lostOrPublic.scores.overall}` : '';
  return `${scenario.id}: ${analysis.paths.toLocaleString('en')} paths, ${endings}; per skill (${SKILLS.map(skillLabel).join('/')}) best ${bounds(analysis.best)}, worst ${bounds(analysis.worst)}${overall}${resolved}${lost}`;
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
