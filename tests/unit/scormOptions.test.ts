import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../tools/cli/io.ts';
import { main } from '../../tools/lms/cli.ts';
import { parseScormOptions } from '../../tools/lms/options.ts';
import { libraryScenarios, runTool } from '../helpers.ts';

const LIBRARY = ['late-return', 'long-wait', 'night-milk'];
const parse = (...argv: string[]) => parseScormOptions(argv, LIBRARY);
const refusal = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('npm run package:scorm options', () => {
  it('defaults to every scenario, English and a pass mark of 70, named by version and language', () => {
    expect(parse('--version', '1.2')).toEqual({ help: false, version: '1.2', scenarios: LIBRARY, language: 'en', pass: 70, out: 'hold-the-line-scorm12-en.zip' });
    expect(parse('--version', '2004', '--lang', 'ru', '--pass', '0', '--out', 'x/y.zip')).toEqual({ help: false, version: '2004', scenarios: LIBRARY, language: 'ru', pass: 0, out: 'x/y.zip' });
    expect(parse('--version', '2004', '--pass', '100')).toMatchObject({ pass: 100, out: 'hold-the-line-scorm2004-en.zip' });
  });

  it('takes scenarios as repeated flags, a list after the flag, or commas, in the order given, once each', () => {
    expect(parse('--version', '1.2', '--scenario', 'night-milk', '--scenario', 'late-return')).toMatchObject({ scenarios: ['night-milk', 'late-return'] });
    expect(parse('--version', '1.2', '--scenario', 'night-milk', 'late-return')).toMatchObject({ scenarios: ['night-milk', 'late-return'] });
    expect(parse('--version', '1.2', '--scenario', 'long-wait,night-milk,long-wait')).toMatchObject({ scenarios: ['long-wait', 'night-milk'] });
  });

  it('says clearly what is wrong', () => {
    expect(refusal()).toBe('--version is required: 1.2 or 2004');
    expect(refusal('--version', '2004.4')).toBe('--version must be 1.2 or 2004, not "2004.4"');
    expect(refusal('--version', '1.2', '--scenario', 'late-return', 'no-such', 'nope')).toBe('unknown scenario "no-such", "nope"; the library has: late-return, long-wait, night-milk');
    expect(refusal('--version', '1.2', '--pass', '101')).toBe('--pass must be a whole number from 0 to 100, not "101"');
    expect(refusal('--version', '1.2', '--pass=-1')).toContain('--pass must be a whole number from 0 to 100');
    expect(refusal('--version', '1.2', '--pass', '70.5')).toContain('not "70.5"');
    expect(refusal('--version', '1.2', '--pass', 'seventy')).toContain('not "seventy"');
    expect(refusal('--version', '1.2', '--lang', 'de')).toBe('--lang must be one of en, ru, not "de"');
    expect(refusal('--version', '1.2', '--out', 'package.tar')).toBe('--out must name a .zip file, not "package.tar"');
    expect(refusal('--version', '1.2', 'late-return')).toBe('unexpected argument "late-return" (scenario ids follow --scenario)');
  });

  it('the command builds the game and writes the zip where --out says, with one SCO for the scenario asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'htl-scorm-cli-'));
    try {
      const out = join(dir, 'night-milk.zip');
      const run = await runTool(main, ['--version', '1.2', '--scenario', 'night-milk', '--lang', 'ru', '--pass', '85', '--out', out]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^SCORM 1\.2 package: .*night-milk\.zip \(\d+ KB, \d+ game files; 1 scenario in ru, pass mark 85\)\.\n$/);
      const entries = unzipSync(readFileSync(out));
      const manifest = strFromU8(entries['imsmanifest.xml'] as Uint8Array);
      expect(manifest.match(/<item /g)).toHaveLength(1);
      expect(manifest).toContain('parameters="?scenario=night-milk&amp;lang=ru&amp;lms=scorm12&amp;pass=85"');
      expect(Object.keys(entries)).toEqual(expect.arrayContaining(['index.html', 'imscp_rootv1p1p2.xsd']));
      expect(Object.keys(entries).some((name) => /^assets\/.+\.js$/.test(name))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('the command exits with 2 and the message before building anything, and prints its usage for --help', async () => {
    const unknown = await runTool(main, ['--version', '2004', '--scenario', 'no-such-scenario']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('package:scorm: unknown scenario "no-such-scenario"; the library has: ');
    // The library's ids come from the real dialogues folder.
    for (const scenario of libraryScenarios()) expect(unknown.stderr).toContain(scenario.id);
    const badFlag = await runTool(main, ['--version', '1.2', '--colour']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('Usage: npm run package:scorm');
    const help = await runTool(main, ['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('--version   1.2 or 2004');
  });
});
