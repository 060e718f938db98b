import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../tools/library.ts';

/** src/ is kept headless by its own tsconfig (no DOM, no Node types) and by ESLint; these prove both guards bite. */
describe('src/ is a headless, deterministic core', () => {
  const eslint = new ESLint({ cwd: PROJECT_ROOT });
  const lintAsCore = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, 'src/probe.ts') });
    return (result?.messages ?? []).map((message) => message.message);
  };

  it.each([
    ["import * as Phaser from 'phaser';\nexport const p = Phaser;", 'no Phaser'],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", 'Node modules belong in tools/'],
    ["import { app } from '../scenes/app.ts';\nexport const a = app;", 'Dependencies flow one way'],
    ['export const r = Math.random();', 'seeded RNG'],
    ['export const n = Date.now();', 'Inject a clock'],
  ])('ESLint refuses %j in src/', async (code, reason) => {
    expect((await lintAsCore(code)).join('\n')).toContain(reason);
  });

  it.each(['scenes/probe.ts', 'client/probe.ts', 'views/probe.ts', 'tools/probe.ts', 'server/probe.ts'])('ESLint lets %s use the core only through src/index.ts', async (filePath) => {
    const lintAt = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, filePath) });
      return (result?.messages ?? []).map((message) => message.message).join('\n');
    };
    expect(await lintAt("import { applyChoice } from '../src/engine/rules.ts';\nexport const a = applyChoice;")).toContain('src/index.ts, its public API');
    expect(await lintAt("import { SKILLS } from '../src/rubric.ts';\nexport const s = SKILLS;")).toContain('src/index.ts, its public API');
    expect(await lintAt("import { SKILLS } from '../src/index.ts';\nexport const s = SKILLS;")).toBe('');
  });

  it.each([
    ['views/probe.ts', "import * as Phaser from 'phaser';\nexport const p = Phaser;", 'Only the game (scenes/) loads Phaser'],
    ['client/probe.ts', "import { app } from '../scenes/app.ts';\nexport const a = app;", 'does not import scenes/'],
    ['views/probe.ts', "import { app } from '../scenes/app.ts';\nexport const a = app;", 'does not import scenes/'],
    ['server/probe.ts', "import { RecordStore } from '../client/records/store.ts';\nexport const r = RecordStore;", 'does not import client/'],
    ['scenes/probe.ts', "import { createServer } from '../server/app.ts';\nexport const c = createServer;", 'does not import server/'],
  ])('ESLint keeps %s to the parts below it', async (filePath, code, reason) => {
    const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, filePath) });
    expect((result?.messages ?? []).map((message) => message.message).join('\n')).toContain(reason);
  });

  it('the compiler, with src/tsconfig.json, refuses DOM globals', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(PROJECT_ROOT, 'src/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    if (!config) throw new Error('src/tsconfig.json could not be read');
    const probe = join(PROJECT_ROOT, 'src/probe.ts');
    const host = ts.createCompilerHost(config.options);
    const readFile = host.readFile;
    host.readFile = (file) => (file === probe ? 'export const title = document.title;\nexport const frame = requestAnimationFrame;\n' : readFile(file));
    host.fileExists = ((exists) => (file: string) => file === probe || exists(file))(host.fileExists);
    const program = ts.createProgram([probe], config.options, host);
    const messages = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(messages.join('\n')).toMatch(/Cannot find name 'document'/);
    expect(messages.join('\n')).toMatch(/Cannot find name 'requestAnimationFrame'/);
  });
});
