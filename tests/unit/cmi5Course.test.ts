import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { lineIds } from '../../src/index.ts';
import { UsageError } from '../../tools/cli/io.ts';
import { scenarioLine } from '../../tools/lms/build.ts';
import { cmi5Main } from '../../tools/lms/cli.ts';
import { packageCmi5 } from '../../tools/lms/cmi5Package.ts';
import { auId, auUrl, COURSE_STRUCTURE_XSD, courseId } from '../../tools/lms/course.ts';
import { parseCmi5Options } from '../../tools/lms/options.ts';
import { libraryScenarios, runTool } from '../helpers.ts';

/** Validates against the cmi5 specification's own schema (tools/lms/schemas/cmi5), offline. */
async function validate(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'cmi5.xml', contents: xml }], schema: [{ fileName: 'CourseStructure.xsd', contents: readFileSync(COURSE_STRUCTURE_XSD, 'utf8') }] });
  const errors = result.errors.map((error) => error.message);
  return result.valid ? errors : [...errors, 'not valid'];
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A stand-in for the built game: the packaging reads whatever files the folder has. */
function fakeGame(): string {
  const dir = mkdtempSync(join(tmpdir(), 'htl-cmi5-unit-'));
  tempDirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>game</title>');
  writeFileSync(join(dir, 'assets', 'main-abc.js'), 'console.log(1)');
  return dir;
}

describe('cmi5 course package', () => {
  const scenarios = ['late-return', 'night-milk'];
  const built = packageCmi5(fakeGame(), { scenarios, language: 'ru', pass: 85 });
  const entries = unzipSync(built.zip);

  it('is a zip with cmi5.xml and the game at the root', () => {
    expect(Object.keys(entries).sort()).toEqual(['assets/main-abc.js', 'cmi5.xml', 'index.html']);
    expect(strFromU8(entries['cmi5.xml'] as Uint8Array)).toBe(built.courseStructure);
  });

  it('has a course structure valid against the cmi5 CourseStructure schema', async () => {
    expect(await validate(built.courseStructure)).toEqual([]);
  });

  it('validation is not a formality: a missing description, an unknown moveOn or a mastery score above 1 fails it', async () => {
    const broken = [
      built.courseStructure.replace(/<description>[\s\S]*?<\/description>/, ''),
      built.courseStructure.replace('moveOn="CompletedAndPassed"', 'moveOn="Finished"'),
      built.courseStructure.replace('masteryScore="0.85"', 'masteryScore="85"'),
    ];
    for (const xml of broken) {
      expect(xml).not.toBe(built.courseStructure);
      expect(await validate(xml)).not.toEqual([]);
    }
  });

  it('has one AU per scenario, titled and described in the package language, launching the game at that scenario, CompletedAndPassed with the pass mark as 0–1', () => {
    const xml = built.courseStructure;
    expect(xml).toContain(`<course id="${courseId('ru')}">`);
    const aus = [...xml.matchAll(/<au id="([^"]+)" moveOn="([^"]+)" masteryScore="([^"]+)"[^>]*>([\s\S]*?)<\/au>/g)];
    expect(aus.map((au) => au[1])).toEqual(scenarios.map(auId));
    for (const [index, au] of aus.entries()) {
      const scenario = scenarios[index] as string;
      expect(au[2]).toBe('CompletedAndPassed');
      expect(au[3]).toBe('0.85');
      expect(au[4]).toContain(`<title>\n      <langstring lang="ru">${scenarioLine(scenario, 'ru')}</langstring>`);
      expect(au[4]).toContain(`<langstring lang="ru">${scenarioLine(scenario, 'ru', lineIds.brief).replaceAll('&', '&amp;')}</langstring>`);
      expect(au[4]).toContain(`<url>${auUrl(scenario, 'ru', 85).replaceAll('&', '&amp;')}</url>`);
    }
    expect(auUrl('night-milk', 'ru', 85)).toBe('index.html?scenario=night-milk&lang=ru&pass=85');
  });
});

describe('npm run package:cmi5', () => {
  const LIBRARY = ['late-return', 'night-milk'];
  const refusal = (...argv: string[]) => {
    try {
      parseCmi5Options(argv, LIBRARY);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error(`${argv.join(' ')} was accepted`);
  };

  it('takes the scenarios, language, pass mark and zip like the SCORM packager, without a version', () => {
    expect(parseCmi5Options([], LIBRARY)).toEqual({ help: false, scenarios: LIBRARY, language: 'en', pass: 70, out: 'hold-the-line-cmi5-en.zip' });
    expect(parseCmi5Options(['--scenario', 'night-milk', '--lang', 'ru', '--pass', '90', '--out', 'x.zip'], LIBRARY)).toEqual({ help: false, scenarios: ['night-milk'], language: 'ru', pass: 90, out: 'x.zip' });
    expect(refusal('--scenario', 'nope')).toBe('unknown scenario "nope"; the library has: late-return, night-milk');
    expect(refusal('--pass', '101')).toBe('--pass must be a whole number from 0 to 100, not "101"');
    expect(refusal('--out', 'course.tar')).toBe('--out must name a .zip file, not "course.tar"');
    expect(() => parseCmi5Options(['--version', '1.2'], LIBRARY)).toThrow();
  });

  it('builds the game and writes the zip where --out says, with the scenario, language and pass mark asked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'htl-cmi5-cli-'));
    try {
      const out = join(dir, 'night-milk.zip');
      const run = await runTool(cmi5Main, ['--scenario', 'night-milk', '--lang', 'ru', '--pass', '85', '--out', out]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^cmi5 package: .*night-milk\.zip \(\d+ KB, \d+ game files; 1 scenario in ru, pass mark 85\)\.\n$/);
      const entries = unzipSync(readFileSync(out));
      const xml = strFromU8(entries['cmi5.xml'] as Uint8Array);
      expect(xml.match(/<au /g)).toHaveLength(1);
      expect(xml).toContain('<url>index.html?scenario=night-milk&amp;lang=ru&amp;pass=85</url>');
      expect(await validate(xml)).toEqual([]);
      expect(Object.keys(entries)).toContain('index.html');
      expect(Object.keys(entries).some((name) => /^assets\/.+\.js$/.test(name))).toBe(true);
      expect(Object.keys(entries).some((name) => name === 'sw.js' || name.endsWith('.xsd'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits with 2 and the message before building anything, and prints its usage for --help', async () => {
    const unknown = await runTool(cmi5Main, ['--scenario', 'no-such-scenario']);
    expect(unknown.code).toBe(2);
    for (const scenario of libraryScenarios()) expect(unknown.stderr).toContain(scenario.id);
    const help = await runTool(cmi5Main, ['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: npm run package:cmi5');
  });
});
