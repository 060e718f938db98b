import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../tools/cli/lintDialogues.ts';
import { FIXTURES, runTool } from '../helpers.ts';

const lint = (...argv: string[]) => runTool(main, argv);

describe('npm run lint:dialogues', () => {
  it('passes the valid example', async () => {
    const { code, stdout, stderr } = await lint(join(FIXTURES, 'dialogues'));
    expect(code).toBe(0);
    expect(stdout).toBe('');
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

    const { code, stdout } = await lint(dialogues, join(root, 'nowhere'));
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((line) => line.replace(root, '<root>'));
    expect(lines).toEqual(expect.arrayContaining([
      '<root>/nowhere: no such file or folder',
      '<root>/dialogues/binary.yaml: this is not a text file (a scenario is UTF-8 YAML)',
      expect.stringMatching(/^<root>\/dialogues\/broken\.yaml: not valid YAML: .* \(line \d+\)$/),
      '<root>/dialogues/empty.yaml: the file is empty; a scenario needs at least id, version, start and nodes',
      '<root>/dialogues/renamed.yaml:id: id "example" must match the file name "renamed"',
      expect.stringMatching(/^<root>\/locales\/en\/example\.json:nodes\.insult\.replies\.snap\.feedback: missing text for this line id( \(line \d+\))?$/),
      expect.stringMatching(/^<root>\/locales\/en\/example\.json:nodes\.insult\.replies\.shout\.text: no line in the scenario uses this key \(renamed or removed\?\)( \(line \d+\))?$/),
    ]));
    expect(stdout).not.toMatch(/\n\s+at /);
  });

  it('prints warnings after the problems, as file:path: warning: reason, without failing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'htl-lint-'));
    cpSync(FIXTURES, root, { recursive: true });
    const example = join(root, 'dialogues', 'example.yaml');
    const yaml = readFileSync(example, 'utf8');
    // Labelled easy, though a mostly-good trainee resolves it only 56 % of the time.
    const routed = yaml.replace(/^difficulty: 3 /m, 'difficulty: 1 ');
    if (routed === yaml) throw new Error('the fixture changed: no "difficulty: 3"');
    writeFileSync(example, routed);
    const warned = await lint(join(root, 'dialogues'));
    expect(warned.code).toBe(0);
    expect(warned.stdout.replace(root, '<root>')).toMatch(/^<root>\/dialogues\/example\.yaml:difficulty: warning: labelled 1 \(easy\), but a mostly-good trainee resolves 56 % \(measured 3: .*\); change the label or the scenario \(line 4\)\n$/);
    expect(warned.stderr).toContain('1 scenario file checked, 0 problems, 1 warning');

    // With an error as well, the error comes first and the exit code is 1.
    writeFileSync(join(root, 'dialogues', 'renamed.yaml'), routed);
    const failed = await lint(join(root, 'dialogues'));
    expect(failed.code).toBe(1);
    const lines = failed.stdout.trim().split('\n');
    expect(lines.map((line) => line.includes(': warning: '))).toEqual([false, true]);
    expect(lines[0]).toContain('renamed.yaml:id: id "example" must match the file name "renamed"');
  });

  it('prints its usage for --help', async () => {
    const { code, stdout } = await lint('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: npm run lint:dialogues/);
  });

  it('answers an unknown flag with the usage and exit code 2', async () => {
    const { code, stdout, stderr } = await lint('--fix');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('usage: npm run lint:dialogues');
  });
});
