import { describe, expect, it } from 'vitest';
import { main as play } from '../../tools/cli/play.ts';
import { main as portraits } from '../../tools/cli/portraits.ts';
import { main as reportDialogues } from '../../tools/cli/reportDialogues.ts';
import { FIXTURES, runTool } from '../helpers.ts';

const playExample = (args: string[], input?: string) => runTool(play, ['--dir', FIXTURES, '--scenario', 'example', ...args], input);

interface PlayResult {
  scenario: string;
  lang: string;
  outcome: string | null;
  scores: Record<string, number>;
  transcript: { speaker: string; reply?: string | null; text: string }[];
}

describe('npm run play', () => {
  it('prints one JSON object with scores in 0–100, the same on every run', async () => {
    const first = await playExample(['--lang', 'ru', '--choices', '1,breath,1', '--json']);
    const second = await playExample(['--lang', 'ru', '--choices', '1,breath,1', '--json']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const result = JSON.parse(first.stdout) as PlayResult;
    expect(Object.keys(result)).toEqual(['scenario', 'lang', 'outcome', 'scores', 'transcript']);
    expect(result).toMatchObject({ scenario: 'example', lang: 'ru', outcome: 'resolved' });
    expect(Object.keys(result.scores)).toEqual(['calm', 'notPersonal', 'empathy', 'concreteFix', 'overall']);
    expect(Object.values(result.scores).every((value) => Number.isInteger(value) && value >= 0 && value <= 100)).toBe(true);
    expect(result.transcript[0]?.text).toBe('Я вам уже третий раз звоню! Где моя посылка?');
  });

  it('stops a shorter list with outcome null', async () => {
    const { code, stdout } = await playExample(['--choices', '1', '--json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as PlayResult).outcome).toBeNull();
  });

  it('shuffles the replies by --seed: the same seed gives the same output, another seed can give another order', async () => {
    const withSeed = (seed: number) => playExample(['--choices', '1', '--json', '--seed', String(seed)]);
    const [first, again] = [await withSeed(1), await withSeed(1)];
    expect(first.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    // "1" is whichever reply is shown first; over a few seeds both of the opening's replies come first.
    const firstReply = async (seed: number) => (JSON.parse((await withSeed(seed)).stdout) as PlayResult).transcript.find((entry) => entry.speaker === 'trainee')?.reply;
    const picked = new Set(await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(firstReply)));
    expect(picked).toEqual(new Set(['ask', 'policy']));
  });

  it('plays piped answers to the end: numbers, b for a breath, one a line', async () => {
    const { code, stdout, stderr } = await playExample(['--json'], '1\nb\n1\n');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as PlayResult).outcome).toBe('resolved');
    expect(stderr).toContain("Your reply: a number, b for a breath, q to quit: 1\n");
  });

  it('says why a refused move was refused, and carries on', async () => {
    const { code, stdout, stderr } = await playExample(['--json'], '1\n1\n9\nb\n1\n');
    expect(code).toBe(0);
    expect(stderr).toContain('reply "boundary" needs composure 50; take a breath first');
    expect(stderr).toContain('Pick one of the numbers shown, b or q.');
    expect((JSON.parse(stdout) as PlayResult).outcome).toBe('resolved');
  });

  it('stops cleanly when the input ends before the conversation does', async () => {
    const { code, stdout, stderr } = await playExample(['--json'], '1\n');
    expect(code).toBe(0);
    expect(stderr).toContain('the input ended before the conversation did');
    expect((JSON.parse(stdout) as PlayResult).outcome).toBeNull();
  });

  it.each([
    { args: ['--choices', '1,7'], message: 'choice 2 ("7"): not an option here; choose 1–3, breath' },
    { args: ['--choices', '2,1'], message: 'choice 2 ("1") comes after the conversation ended (publicComplaint)' },
    { args: ['--choices', '1,1'], message: 'choice 2 ("1"): reply "boundary" needs composure 50; take a breath first' },
    { args: ['--choices', '1,breath,breath'], message: 'choice 3 ("breath"): a breath was already taken' },
    { args: ['--choices', 'wait'], message: 'choice 1 ("wait"): this scenario has no timer' },
    { args: ['--lang', 'de'], message: 'unknown language "de"; choose one of: en, ru' },
    { args: ['--scenario', 'nope'], message: 'unknown scenario "nope"; available: example' },
    { args: ['--scenario', '../dialogues/example'], message: 'unknown scenario "../dialogues/example"; available: example' },
    { args: ['--choices', 'x'], message: 'choice 1 ("x"): not an option here' },
    { args: ['--seed', 'abc'], message: '--seed must be a whole number, got "abc"' },
    { args: ['--frob'], message: "Unknown option '--frob'" },
  ])('fails with exit code 2 and a clear message: $message', async ({ args, message }) => {
    const { code, stdout, stderr } = await playExample(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`play: ${message}`);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run play without a scenario', () => {
  it('asks for one with exit code 2', async () => {
    const { code, stderr } = await runTool(play, ['--dir', FIXTURES]);
    expect(code).toBe(2);
    expect(stderr).toBe('play: --scenario is required; see --help\n');
  });
});

describe.each([
  { name: 'play', main: play },
  { name: 'portraits', main: portraits },
  { name: 'report:dialogues', main: reportDialogues },
])('npm run $name', ({ name, main }) => {
  it('prints its usage for --help and exits 0', async () => {
    const { code, stdout, stderr } = await runTool(main, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^usage: npm run ${name}`));
    expect(stderr).toBe('');
  });

  it('refuses an unknown flag with exit code 2, naming it and showing the usage', async () => {
    const { code, stdout, stderr } = await runTool(main, ['--frob']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${name}: Unknown option '--frob'`);
    expect(stderr).toContain(`usage: npm run ${name}`);
  });
});

describe('npm run portraits', () => {
  it('refuses an unknown scenario id, listing the ones there are', async () => {
    const { code, stdout, stderr } = await runTool(portraits, ['nope']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^portraits: unknown scenario "nope"; available: /);
  });
});

describe('npm run report:dialogues', () => {
  it('takes one output folder at most', async () => {
    const { code, stderr } = await runTool(reportDialogues, ['a', 'b']);
    expect(code).toBe(2);
    expect(stderr).toBe('report:dialogues: one output folder at most, got 2: a b\n');
  });
});
