import { OUTCOMES, SKILLS, zeroSkills, type Outcome, type Skill, type SkillVector } from '../rubric.ts';
import { availableOptions, canTakeBreath, type Choice, type ConversationState, type ReplyOption } from '../engine/rules.ts';
import { simulate } from '../engine/simulate.ts';
import { measuredDifficulty, MOSTLY_GOOD_EXPERT, mostlyGoodOdds, type OutcomeOdds } from './mostlyGood.ts';
import { buildStateGraph } from './stateGraph.ts';
import { createRandom, hashText } from '../random.ts';
import { lineIds } from '../scenario/lineIds.ts';
import type { Reply, Scenario } from '../scenario/schema.ts';
import { expertMove, scoreChoices } from '../scoring/score.ts';

/**
 * Surface bots (issue 10, item 6): players that read nothing but the surface of the replies (their
 * length) or play one skill only, and what the surface of the text gives away. A library whose
 * score measures judgement keeps the longest-reply bot low, and each skill's bot highest on its
 * own skill. Headless: the text comes through a lookup for one language, randomness from a seed.
 */

/** The text of one key in one language, e.g. an i18next `t` bound to the scenario's namespace. */
export type TextLookup = (key: string) => string;

/** Chooses among the legal moves, as `simulate` asks. */
export type Picker = (choices: Choice[], state: ConversationState) => Choice;

/** The reply order seed every deterministic bot plays with (the order only breaks ties). */
export const BOT_SEED = 1;

export const SURFACE_DEFAULTS = {
  seed: BOT_SEED,
  /** Seeded random playthroughs averaged for the random bot. */
  randomRuns: 50,
  /** How often the mostly-good player makes the expert's move; otherwise a random move. */
  expertProbability: MOSTLY_GOOD_EXPERT,
};
export type SurfaceOptions = typeof SURFACE_DEFAULTS;

const BREATH: Choice = { kind: 'breath' };

export const replyTotal = (reply: Pick<Reply, 'skills'>): number => SKILLS.reduce((sum, skill) => sum + reply.skills[skill], 0);

/** Length as a reader sees it: characters (code points) of the trimmed text. */
export const textLength = (text: string): number => [...text.trim()].length;

/** A reply's text in the lookup's language. */
export const replyText = (text: TextLookup, node: string, reply: Pick<Reply, 'id'>): string => text(lineIds.replyText(node, reply.id));

/** Compares rank keys: the first differing entry decides, higher wins. */
function beats(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x > y;
  }
  return false;
}

/** The option with the highest rank key; on a full tie, the one shown first. */
function topOf(options: readonly ReplyOption[], rank: (reply: Reply, node: string) => readonly number[], node: string): ReplyOption | undefined {
  let top: ReplyOption | undefined;
  let topKey: readonly number[] = [];
  for (const option of options) {
    const key = rank(option.reply, node);
    if (top === undefined || beats(key, topKey)) [top, topKey] = [option, key];
  }
  return top;
}

/**
 * A bot that always wants the reply ranked highest among those offered (locked ones included):
 * it says it when it can; when it is locked it takes a breath if a breath is possible here, and
 * otherwise says the highest-ranked unlocked reply. With no reply unlocked it takes whatever is
 * legal (a breath, else silence). Ties go to the reply shown first.
 */
export function rankingPicker(scenario: Scenario, rank: (reply: Reply, node: string) => readonly number[]): Picker {
  return (choices, state) => {
    const options = availableOptions(scenario, state);
    const wanted = topOf(options, rank, state.node);
    if (wanted && !wanted.locked) return { kind: 'reply', reply: wanted.reply.id };
    if (wanted && canTakeBreath(state)) return BREATH;
    const unlocked = topOf(
      options.filter((option) => !option.locked),
      rank,
      state.node,
    );
    if (unlocked) return { kind: 'reply', reply: unlocked.reply.id };
    return choices[0] as Choice;
  };
}

/** Always the reply with the longest text. */
export const longestPicker = (scenario: Scenario, text: TextLookup): Picker => rankingPicker(scenario, (reply, node) => [textLength(replyText(text, node, reply))]);

/** Always the reply with the shortest text. */
export const shortestPicker = (scenario: Scenario, text: TextLookup): Picker => rankingPicker(scenario, (reply, node) => [-textLength(replyText(text, node, reply))]);

/** Always the reply best on one skill; ties go to the higher total. */
export const skillPicker = (scenario: Scenario, skill: Skill): Picker => rankingPicker(scenario, (reply) => [reply.skills[skill], replyTotal(reply)]);

/**
 * The expert: the reply with the highest total, after a breath when it is locked (scoring's
 * `expertMove`, as docs/scoring.md defines it); where the expert has no move, the first legal one.
 */
export const expertPicker =
  (scenario: Scenario): Picker =>
  (choices, state) =>
    expertMove(scenario, state) ?? (choices[0] as Choice);

/**
 * A random move among the legal ones, silence left out (letting the timer run out is not a
 * choice a player makes); a breath is one of the moves while it is possible.
 */
export function randomPicker(random: () => number): Picker {
  return (choices) => {
    const moves = choices.filter((choice) => choice.kind !== 'silence');
    const pool = moves.length > 0 ? moves : choices;
    return pool[Math.floor(random() * pool.length)] as Choice;
  };
}

/** The expert's move with probability `expertProbability`, otherwise a random move: the player whose odds mostlyGood.ts works out exactly. */
export function mostlyGoodPicker(scenario: Scenario, random: () => number, expertProbability: number): Picker {
  const expert = expertPicker(scenario);
  const randomMove = randomPicker(random);
  return (choices, state) => (random() < expertProbability ? expert(choices, state) : randomMove(choices, state));
}

/** One playthrough to the end, scored. */
export interface BotRun {
  choices: Choice[];
  outcome: Outcome | null;
  overall: number;
  skills: SkillVector;
}

export function playBot(scenario: Scenario, pick: Picker, seed: number = BOT_SEED): BotRun {
  const end = simulate(scenario, pick, { seed });
  const choices = end.decisions.map((decision) => decision.choice);
  const scored = scoreChoices(scenario, choices);
  if (!scored.ok) throw new Error(`"${scenario.id}": a bot's playthrough does not replay: ${scored.error}`);
  return { choices, outcome: scored.report.outcome, overall: scored.report.overall, skills: scored.report.skills };
}

/** One bot over one or more playthroughs: means of the scores, and how the conversations ended. */
export interface BotSummary {
  runs: number;
  overall: number;
  skills: SkillVector;
  /** Share of playthroughs that ended resolved, 0–1. */
  resolved: number;
  outcomes: Record<Outcome, number>;
}

export function summarise(runs: readonly BotRun[]): BotSummary {
  const outcomes = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  const skills = zeroSkills();
  let overall = 0;
  for (const run of runs) {
    if (run.outcome !== null) outcomes[run.outcome]++;
    overall += run.overall;
    for (const skill of SKILLS) skills[skill] += run.skills[skill];
  }
  const mean = (sum: number) => (runs.length === 0 ? 0 : sum / runs.length);
  for (const skill of SKILLS) skills[skill] = mean(skills[skill]);
  return { runs: runs.length, overall: mean(overall), skills, resolved: mean(outcomes.resolved), outcomes };
}

/** Seeded playthroughs: run `i` gets its own reply order and random stream, both from `seed`, `label` and `i`. */
export function seededRuns(scenario: Scenario, label: string, runs: number, seed: number, picker: (random: () => number) => Picker): BotRun[] {
  return Array.from({ length: runs }, (_, run) => {
    const runSeed = hashText(`${seed}:${label}:${run}`);
    return playBot(scenario, picker(createRandom(runSeed)), runSeed);
  });
}

/** Whether a bot's own skill is its highest score: alone, shared with another skill, or beaten. */
export type OwnSkill = 'highest' | 'tied' | 'beaten';

export function ownSkillRank(skills: SkillVector, own: Skill): OwnSkill {
  const others = SKILLS.filter((skill) => skill !== own).map((skill) => skills[skill]);
  const highestOther = Math.max(...others);
  if (skills[own] > highestOther) return 'highest';
  return skills[own] === highestOther ? 'tied' : 'beaten';
}

export interface SkillBot extends BotSummary {
  skill: Skill;
  own: OwnSkill;
}

/** The bots that do not read the text: one per skill, and the seeded random player. */
export interface TextFreeBots {
  random: BotSummary;
  perSkill: SkillBot[];
  /** The mostly-good player, worked out exactly: the odds of each outcome, of resolved, and the difficulty that maps to. */
  mostlyGood: MostlyGood;
}

export interface MostlyGood {
  /** The probability that the conversation ends resolved, 0–1. */
  resolved: number;
  outcomes: OutcomeOdds;
  measured: 1 | 2 | 3;
}

/** The mostly-good player's odds (mostlyGood.ts), exact; a scenario that can go round forever has none and throws. */
export function mostlyGood(scenario: Scenario, expertProbability: number = MOSTLY_GOOD_EXPERT): MostlyGood {
  const outcomes = mostlyGoodOdds(buildStateGraph(scenario), undefined, expertProbability);
  return { resolved: outcomes.resolved, outcomes, measured: measuredDifficulty(outcomes.resolved) };
}

export function textFreeBots(scenario: Scenario, options: Partial<SurfaceOptions> = {}): TextFreeBots {
  const { seed, randomRuns, expertProbability } = { ...SURFACE_DEFAULTS, ...options };
  const perSkill = SKILLS.map((skill): SkillBot => {
    const summary = summarise([playBot(scenario, skillPicker(scenario, skill), seed)]);
    return { ...summary, skill, own: ownSkillRank(summary.skills, skill) };
  });
  const random = summarise(seededRuns(scenario, 'random', randomRuns, seed, randomPicker));
  return { random, perSkill, mostlyGood: mostlyGood(scenario, expertProbability) };
}

/** The bots that read only the length of the text, in one language. */
export interface TextBots {
  longest: BotSummary & BotRun;
  shortest: BotSummary & BotRun;
}

export function textBots(scenario: Scenario, text: TextLookup, options: Partial<Pick<SurfaceOptions, 'seed'>> = {}): TextBots {
  const seed = options.seed ?? BOT_SEED;
  const single = (pick: Picker) => {
    const run = playBot(scenario, pick, seed);
    return { ...summarise([run]), ...run };
  };
  return { longest: single(longestPicker(scenario, text)), shortest: single(shortestPicker(scenario, text)) };
}

/** How often the expert's reply carries a cue, next to how often the other replies do. */
export interface CueRate {
  /** Decisions whose expert reply carries the cue. */
  best: number;
  /** Other replies (all decisions together) that carry it. */
  others: number;
  decisions: number;
  otherReplies: number;
}

/** What the surface of one language's text gives away about the expert reply (issue 10, item 2). */
export interface SurfaceCues {
  /** Decision nodes (nodes with two or more replies). */
  decisions: number;
  /** Decisions where the expert reply's text is at least as long as every other reply's. */
  bestIsLongest: number;
  bestIsShortest: number;
  exclamation: CueRate;
  name: CueRate;
  digits: CueRate;
  /** Decisions where some reply needs composure (a padlock), and those where the expert's reply is one of them. */
  padlock: { decisions: number; bestLocked: number };
}

const EXCLAMATION = /[!¡！]/u;
const DIGIT = /\p{Nd}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'dr']);
/** Russian declension changes a name's last vowel (or soft sign, й): Анна → Анну, Сергей → Сергею, Игорь → Игорем. */
const CHANGING_ENDING = /[аяоеёйьиыу]$/u;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const foldYo = (text: string) => text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');

/**
 * A test for the customer's name in a reply: any part of it (first name, patronymic, surname) as a
 * capitalised word. A Cyrillic part may be declined (stem plus up to two letters, one for short
 * stems: Вера → Веру, Власова → Власовой); a Latin part must appear as written (or with 's).
 */
export function nameMatcher(name: string): (text: string) => boolean {
  const parts = foldYo(name)
    .split(/[^\p{L}'-]+/u)
    .filter((part) => [...part].length >= 3 && !TITLES.has(part.toLowerCase()));
  if (parts.length === 0) return () => false;
  const patterns = parts.map((part) => {
    if (!CYRILLIC.test(part)) return `${escapeRegExp(part)}(?:'s)?`;
    const stem = CHANGING_ENDING.test(part) ? part.slice(0, -1) : part;
    return `${escapeRegExp(stem)}\\p{L}{0,${[...stem].length <= 3 ? 1 : 2}}`;
  });
  const regex = new RegExp(`(?<!\\p{L})(?:${patterns.join('|')})(?!\\p{L})`, 'u');
  return (text) => regex.test(foldYo(text));
}

/** The expert reply of a node: the highest total; the first on a tie (the linter forbids ties). */
export function expertReply(replies: readonly Reply[]): Reply | undefined {
  return replies.reduce<Reply | undefined>((top, reply) => (top === undefined || replyTotal(reply) > replyTotal(top) ? reply : top), undefined);
}

/**
 * The surface cues of one language: per decision node, every reply the node has (whatever its
 * `when`), the expert's against the others.
 */
export function surfaceCues(scenario: Scenario, text: TextLookup): SurfaceCues {
  const hasName = nameMatcher(text(lineIds.customerName));
  const cue = (): CueRate => ({ best: 0, others: 0, decisions: 0, otherReplies: 0 });
  const cues: SurfaceCues = { decisions: 0, bestIsLongest: 0, bestIsShortest: 0, exclamation: cue(), name: cue(), digits: cue(), padlock: { decisions: 0, bestLocked: 0 } };
  const tests: [CueRate, (text: string) => boolean][] = [
    [cues.exclamation, (line) => EXCLAMATION.test(line)],
    [cues.name, hasName],
    [cues.digits, (line) => DIGIT.test(line)],
  ];
  for (const [nodeId, node] of Object.entries(scenario.nodes)) {
    const replies = node.replies ?? [];
    const best = expertReply(replies);
    if (best === undefined || replies.length < 2) continue;
    cues.decisions++;
    const texts = new Map(replies.map((reply) => [reply, replyText(text, nodeId, reply)]));
    const lengths = new Map(replies.map((reply) => [reply, textLength(texts.get(reply) ?? '')]));
    const bestLength = lengths.get(best) ?? 0;
    const others = replies.filter((reply) => reply !== best);
    if (others.every((reply) => (lengths.get(reply) ?? 0) <= bestLength)) cues.bestIsLongest++;
    if (others.every((reply) => (lengths.get(reply) ?? 0) >= bestLength)) cues.bestIsShortest++;
    for (const [rate, test] of tests) {
      rate.decisions++;
      rate.otherReplies += others.length;
      if (test(texts.get(best) ?? '')) rate.best++;
      rate.others += others.filter((reply) => test(texts.get(reply) ?? '')).length;
    }
    if (replies.some((reply) => reply.needsComposure !== undefined)) {
      cues.padlock.decisions++;
      if (best.needsComposure !== undefined) cues.padlock.bestLocked++;
    }
  }
  return cues;
}

/** Everything the report shows for one scenario in one language. */
export interface SurfaceReport extends TextBots, TextFreeBots {
  scenario: string;
  labelled: number;
  cues: SurfaceCues;
}

/**
 * The surface bots and cues of one scenario in one language. The per-skill and random bots and the
 * mostly-good player read no text, so pass `textFree` from another language to skip working them out again.
 */
export function surfaceReport(scenario: Scenario, text: TextLookup, options: Partial<SurfaceOptions> = {}, textFree: TextFreeBots = textFreeBots(scenario, options)): SurfaceReport {
  return { scenario: scenario.id, labelled: scenario.difficulty, ...textBots(scenario, text, options), ...textFree, cues: surfaceCues(scenario, text) };
}
