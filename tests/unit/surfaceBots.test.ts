import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expertPicker,
  longestPicker,
  nameMatcher,
  ownSkillRank,
  playBot,
  randomPicker,
  seededRuns,
  shortestPicker,
  skillPicker,
  surfaceCues,
  surfaceReport,
  textFreeBots,
  type TextLookup,
} from '../../src/analysis/surfaceBots.ts';
import { flattenKeys, lineIds, measuredDifficulty, type Choice, type Scenario } from '../../src/index.ts';
import { botsReport, libraryMeasures } from '../../tools/cli/reportDialogues.ts';
import { exampleScenario, FIXTURES, parseYaml } from '../helpers.ts';

/**
 * The example scenario (tests/fixtures/dialogues/example.yaml): at `opening`, ask (total 6, the
 * expert) or policy (−3, which posts a review at once); at `insult`, where composure has dropped
 * to 40, boundary (9, the expert, needs composure 50), snap (−8, loses the customer) or transfer
 * (3, escalates). Texts are set per test, so the bots' choices follow the lengths given.
 */
const example = exampleScenario();
const exampleText = flattenKeys(JSON.parse(readFileSync(join(FIXTURES, 'locales', 'en', 'example.json'), 'utf8')));

/** The example's English text with some reply texts replaced: `{ 'opening.ask': '…' }`. */
function textWith(replies: Record<string, string>, base: ReadonlyMap<string, unknown> = exampleText): TextLookup {
  const text = new Map(base);
  for (const [ref, line] of Object.entries(replies)) {
    const [node, reply] = ref.split('.') as [string, string];
    text.set(lineIds.replyText(node, reply), line);
  }
  return (key) => {
    const line = text.get(key);
    if (typeof line !== 'string') throw new Error(`no text for ${key}`);
    return line;
  };
}

const long = (words: number) => Array.from({ length: words }, () => 'word').join(' ');
const reply = (id: string): Choice => ({ kind: 'reply', reply: id });
const breath: Choice = { kind: 'breath' };
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** A copy of the example with the insult's boundary out of reach even after a breath. */
function withBoundaryNeeding(composure: number): Scenario {
  const copy = structuredClone(example);
  const boundary = copy.nodes.insult?.replies?.find((candidate) => candidate.id === 'boundary');
  if (!boundary) throw new Error('the example has no insult.boundary');
  boundary.needsComposure = composure;
  return copy;
}

describe('the longest-reply bot', () => {
  it('says the reply with the longest text, whatever the order shown', () => {
    const askLongest = textWith({ 'opening.ask': long(20), 'opening.policy': long(5), 'insult.transfer': long(30), 'insult.snap': long(3), 'insult.boundary': long(4) });
    const policyLongest = textWith({ 'opening.ask': long(5), 'opening.policy': long(20) });
    for (const seed of SEEDS) {
      expect(playBot(example, longestPicker(example, askLongest), seed).choices).toEqual([reply('ask'), reply('transfer')]);
      expect(playBot(example, longestPicker(example, policyLongest), seed).choices).toEqual([reply('policy')]);
    }
  });

  it('takes a breath when the longest reply is locked, then says it', () => {
    const text = textWith({ 'opening.ask': long(20), 'opening.policy': long(5), 'insult.boundary': long(30), 'insult.snap': long(3), 'insult.transfer': long(4) });
    const run = playBot(example, longestPicker(example, text));
    expect(run.choices).toEqual([reply('ask'), breath, reply('boundary')]);
    expect(run).toMatchObject({ outcome: 'resolved', overall: 100 });
  });

  it('says the longest unlocked reply when a breath cannot unlock the longest', () => {
    const scenario = withBoundaryNeeding(100);
    const snapLonger = textWith({ 'opening.ask': long(20), 'opening.policy': long(5), 'insult.boundary': long(30), 'insult.snap': long(10), 'insult.transfer': long(4) });
    const transferLonger = textWith({ 'opening.ask': long(20), 'opening.policy': long(5), 'insult.boundary': long(30), 'insult.snap': long(4), 'insult.transfer': long(10) });
    expect(playBot(scenario, longestPicker(scenario, snapLonger)).choices).toEqual([reply('ask'), breath, reply('snap')]);
    expect(playBot(scenario, longestPicker(scenario, transferLonger)).choices).toEqual([reply('ask'), breath, reply('transfer')]);
  });
});

describe('the shortest-reply bot', () => {
  it('says the reply with the shortest text', () => {
    const text = textWith({ 'opening.ask': long(2), 'opening.policy': long(5), 'insult.boundary': long(30), 'insult.snap': long(3), 'insult.transfer': long(4) });
    for (const seed of SEEDS) expect(playBot(example, shortestPicker(example, text), seed).choices).toEqual([reply('ask'), reply('snap')]);
  });
});

/**
 * A real trade-off at `opening`: firm is the expert (total 5); warm is best on empathy, fix on
 * concrete fix; steady ties firm on calm with a lower total. Each leads to its own ending.
 */
const tradeOff = parseYaml(`
id: trade-off
version: 1
channel: phone
difficulty: 1
temperament: shouting
mood: 50
start: opening
nodes:
  opening:
    replies:
      - { id: steady, skills: { calm: 3, notPersonal: 0, empathy: -1, concreteFix: 0 }, mood: 0, teaches: [P1], next: after_steady }
      - { id: warm, skills: { calm: 1, notPersonal: 0, empathy: 3, concreteFix: -1 }, mood: -10, teaches: [P8], next: after_warm }
      - { id: fix, skills: { calm: 0, notPersonal: 0, empathy: -1, concreteFix: 3 }, mood: 0, teaches: [P3], next: after_fix }
      - { id: firm, skills: { calm: 3, notPersonal: 2, empathy: 0, concreteFix: 0 }, mood: -5, teaches: [P5], next: after_firm }
  after_steady: { ending: escalated }
  after_warm: { ending: resolved }
  after_fix: { ending: customerLost }
  after_firm: { ending: resolved }
`);

describe('the per-skill bots', () => {
  it('say the reply best on their skill, ties going to the higher total, whatever the order shown', () => {
    for (const seed of SEEDS) {
      expect(playBot(tradeOff, skillPicker(tradeOff, 'empathy'), seed).choices).toEqual([reply('warm')]);
      expect(playBot(tradeOff, skillPicker(tradeOff, 'concreteFix'), seed).choices).toEqual([reply('fix')]);
      // steady and firm both give calm 3; firm has the higher total.
      expect(playBot(tradeOff, skillPicker(tradeOff, 'calm'), seed).choices).toEqual([reply('firm')]);
      expect(playBot(tradeOff, skillPicker(tradeOff, 'notPersonal'), seed).choices).toEqual([reply('firm')]);
    }
  });

  it('take a breath to unlock the reply best on their skill', () => {
    expect(playBot(example, skillPicker(example, 'calm')).choices).toEqual([reply('ask'), breath, reply('boundary')]);
  });

  it('report whether their own skill is their highest score', () => {
    const [empathy] = textFreeBots(tradeOff, { randomRuns: 1 }).perSkill.filter((bot) => bot.skill === 'empathy');
    expect(empathy?.skills.empathy).toBe(100);
    expect(empathy?.own).toBe('highest');
    expect(ownSkillRank({ calm: 80, notPersonal: 90, empathy: 100, concreteFix: 0 }, 'empathy')).toBe('highest');
    expect(ownSkillRank({ calm: 100, notPersonal: 90, empathy: 100, concreteFix: 0 }, 'empathy')).toBe('tied');
    expect(ownSkillRank({ calm: 100, notPersonal: 90, empathy: 99, concreteFix: 0 }, 'empathy')).toBe('beaten');
  });
});

describe('the random and mostly-good players', () => {
  it('play the same runs for the same seed, and other runs for another seed', () => {
    const runs = (seed: number) => seededRuns(example, 'random', 20, seed, randomPicker).map((run) => run.choices);
    expect(runs(5)).toEqual(runs(5));
    expect(runs(6)).not.toEqual(runs(5));
    expect(textFreeBots(example, { seed: 5, randomRuns: 20 })).toEqual(textFreeBots(example, { seed: 5, randomRuns: 20 }));
  });

  it('never let the timer run out while another move is possible', () => {
    const timed = { ...example, timer: { seconds: 30, mood: 10 } };
    const moves = seededRuns(timed, 'random', 50, 1, randomPicker).flatMap((run) => run.choices);
    expect(moves.some((choice) => choice.kind === 'breath')).toBe(true);
    expect(moves.some((choice) => choice.kind === 'silence')).toBe(false);
  });

  it('measure difficulty from the mostly-good player, exactly: always expert resolves for certain, never expert like the random bot', () => {
    expect(playBot(example, expertPicker(example)).choices).toEqual([reply('ask'), breath, reply('boundary')]);
    expect(textFreeBots(example, { randomRuns: 1, expertProbability: 1 }).mostlyGood).toMatchObject({ resolved: 1, measured: 1 });
    const neverExpert = textFreeBots(example, { randomRuns: 1, expertProbability: 0 }).mostlyGood;
    expect(neverExpert.resolved).toBeCloseTo(1 / 18, 12);
    expect(neverExpert.outcomes.publicComplaint).toBeGreaterThan(0);
    // tests/unit/mostlyGood.test.ts works the default (p = 0.7) out by hand.
    expect(textFreeBots(example, { randomRuns: 1 }).mostlyGood).toMatchObject({ measured: 3 });
    expect(textFreeBots(example, { randomRuns: 1 }).mostlyGood.resolved).toBeCloseTo(0.5664, 12);
  });

  it('map the resolved share to difficulty 1 (≥ 90 %), 2 (≥ 70 %) and 3', () => {
    expect([1, 0.9, 0.89, 0.7, 0.69, 0].map((share) => measuredDifficulty(share))).toEqual([1, 1, 2, 2, 3, 3]);
  });
});

describe('the surface cues', () => {
  it('count the decisions whose expert reply is the longest, a tie included', () => {
    const both = textWith({ 'opening.ask': long(9), 'opening.policy': long(5), 'insult.boundary': long(9), 'insult.snap': long(9), 'insult.transfer': long(4) });
    const one = textWith({ 'opening.ask': long(9), 'opening.policy': long(5), 'insult.boundary': long(8), 'insult.snap': long(9), 'insult.transfer': long(4) });
    const none = textWith({ 'opening.ask': long(4), 'opening.policy': long(5), 'insult.boundary': long(8), 'insult.snap': long(9), 'insult.transfer': long(4) });
    expect(surfaceCues(example, both)).toMatchObject({ decisions: 2, bestIsLongest: 2 });
    expect(surfaceCues(example, one)).toMatchObject({ decisions: 2, bestIsLongest: 1 });
    expect(surfaceCues(example, none)).toMatchObject({ decisions: 2, bestIsLongest: 0, bestIsShortest: 1 });
  });

  it('compare the expert replies with the others on "!", the name and digits, and count padlocks on the expert', () => {
    const text = textWith({
      'opening.ask': 'Anna, what is the order number?',
      'opening.policy': 'Ten working days!',
      'insult.boundary': 'It will reach you by 12.',
      'insult.snap': "Anna's not my problem!",
      'insult.transfer': 'Let me pass you on.',
    });
    const cues = surfaceCues(example, text);
    expect(cues.name).toEqual({ best: 1, others: 1, decisions: 2, otherReplies: 3 });
    expect(cues.exclamation).toEqual({ best: 0, others: 2, decisions: 2, otherReplies: 3 });
    expect(cues.digits).toEqual({ best: 1, others: 0, decisions: 2, otherReplies: 3 });
    expect(cues.padlock).toEqual({ decisions: 1, bestLocked: 1 });
  });

  it('find a Russian name in its declined forms, and no name in words that only start like it', () => {
    const russian = nameMatcher('Надежда Викторовна Власова');
    expect(['Надежда Викторовна, давайте посмотрим.', 'Я понимаю вас, Надежду Викторовну не обманут.', 'Скажите Власовой, что всё готово.'].map(russian)).toEqual([true, true, true]);
    expect(russian('Давайте посмотрим чек.')).toBe(false);
    expect(nameMatcher('Вера')('Верно, так не годится.')).toBe(false);
    expect(nameMatcher('Вера')('Веру я уже предупредила.')).toBe(true);
    expect(nameMatcher('Vera')('Very well, I will check.')).toBe(false);
    expect(nameMatcher('Vera')("I'm sorry, Vera.")).toBe(true);
  });
});

describe('the bots report', () => {
  it('holds the longest-reply bot to the targets: it misses them when the longest reply is the expert everywhere', () => {
    const expertLongest = textWith({ 'opening.ask': long(20), 'opening.policy': long(5), 'insult.boundary': long(30), 'insult.snap': long(3), 'insult.transfer': long(4) });
    const expertShort = textWith({ 'opening.ask': long(2), 'opening.policy': long(20), 'insult.boundary': long(2), 'insult.snap': long(9), 'insult.transfer': long(4) });
    const bad = [surfaceReport(example, expertLongest, { randomRuns: 5 })];
    const good = [surfaceReport(example, expertShort, { randomRuns: 5 })];
    expect(libraryMeasures(bad)).toMatchObject({ longestOverall: 100, longestResolved: 1, bestIsLongest: 2, decisions: 2, scenariosOverLongestShare: ['example'] });
    expect(libraryMeasures(good)).toMatchObject({ longestOverall: 0, longestResolved: 0, bestIsLongest: 0, scenariosOverLongestShare: [] });
    const longestLines = (reports: typeof bad) => botsReport(new Map([['en', reports]])).split('\n').filter((line) => line.startsWith('| longest-reply bot'));
    expect(longestLines(bad)).toEqual([expect.stringContaining('100.0 **misses**'), expect.stringContaining('1/1 (100 %) **misses**')]);
    expect(longestLines(good)).toEqual([expect.stringContaining('0.0 meets'), expect.stringContaining('0/1 (0 %) meets')]);
  });
});
