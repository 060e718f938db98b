import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { FIXTURES } from '../helpers.ts';

const run = promisify(execFile);

async function cli(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'tools', 'cli', script), ...args], { cwd: PROJECT_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const play = (...args: string[]) => cli('play.ts', ['--dir', FIXTURES, '--scenario', 'example', ...args]);

describe('npm run play', () => {
  it('prints one JSON object with scores in 0–100, the same on every run', async () => {
    const [first, second] = await Promise.all([play('--lang', 'ru', '--choices', '1,breath,1', '--json'), play('--lang', 'ru', '--choices', '1,breath,1', '--json')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const result = JSON.parse(first.stdout) as { scenario: string; lang: string; outcome: string; scores: Record<string, number>; transcript: { text: string }[] };
    expect(Object.keys(result)).toEqual(['scenario', 'lang', 'outcome', 'scores', 'transcript']);
    expect(result).toMatchObject({ scenario: 'example', lang: 'ru', outcome: 'resolved' });
    expect(Object.keys(result.scores)).toEqual(['calm', 'notPersonal', 'empathy', 'concreteFix', 'overall']);
    expect(Object.values(result.scores).every((value) => Number.isInteger(value) && value >= 0 && value <= 100)).toBe(true);
    expect(result.transcript[0]?.text).toBe('Я вам уже третий раз звоню! Где моя посылка?');
  });

  it('stops a shorter list with outcome null', async () => {
    const { code, stdout } = await play('--choices', '1', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).outcome).toBeNull();
  });

  it.each([
    { args: ['--choices', '1,7'], message: 'choice 2 ("7"): not an option here; choose 1–3, breath' },
    { args: ['--choices', '2,1'], message: 'choice 2 ("1") comes after the conversation ended (publicComplaint)' },
    { args: ['--choices', '1,1'], message: 'option 1 is locked until composure reaches 50; take a breath first' },
    { args: ['--lang', 'de'], message: 'unknown language "de"; choose one of: en, ru' },
    { args: ['--scenario', 'nope'], message: 'unknown scenario "nope"; available: example' },
    { args: ['--choices', 'x'], message: 'choice 1 ("x"): not an option here' },
  ])('fails with exit code 2 and a clear message: $message', async ({ args, message }) => {
    const { code, stdout, stderr } = await play(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
