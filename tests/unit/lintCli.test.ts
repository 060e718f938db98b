import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('npm run lint:dialogues', () => {
  it('passes the valid example', async () => {
    const { code, stderr } = await cli('lintDialogues.ts', [join(FIXTURES, 'dialogues')]);
    expect(code).toBe(0);
    expect(stderr).toContain('1 scenario file checked, 0 problems');
  });

  it('names file, path and reason for each problem, and exits 1', async () => {
    const root = mkdtempSync(join(tmpdir(), 'htl-lint-'));
    cpSync(FIXTURES, root, { recursive: true });
    const dialogues = join(root, 'dialogues');
    writeFileSync(join(dialogues, 'empty.yaml'), '');
    writeFileSync(join(dialogues, 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]));
    writeFileSync(join(dialogues, 'broken.yaml'), 'id: broken\nnodes: [');
    writeFileSync(join(dialogues, 'renamed.yaml'), readFileSync(join(dialogues, 'example.yaml')));
    const english = join(root, 'locales', 'en', 'example.json');
    const text = JSON.parse(readFileSync(english, 'utf8'));
    delete text.nodes.insult.replies.snap.feedback;
    text.nodes.insult.replies.shout = { text: 'left over' };
    writeFileSync(english, JSON.stringify(text));

    const { code, stdout } = await cli('lintDialogues.ts', [dialogues]);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((line) => line.replace(root, '<root>'));
    expect(lines).toEqual(expect.arrayContaining([
      '<root>/dialogues/binary.yaml: this is not a text file (a scenario is UTF-8 YAML)',
      expect.stringMatching(/^<root>\/dialogues\/broken\.yaml: not valid YAML: .* \(line \d+\)$/),
      '<root>/dialogues/empty.yaml: the file is empty; a scenario needs at least id, version, start and nodes',
      '<root>/dialogues/renamed.yaml:id: id "example" must match the file name "renamed"',
      '<root>/locales/en/example.json:nodes.insult.replies.snap.feedback: missing text for this line id',
      '<root>/locales/en/example.json:nodes.insult.replies.shout.text: no line in the scenario uses this key (renamed or removed?)',
    ]));
    expect(stdout).not.toMatch(/\n\s+at /);
  });
});
