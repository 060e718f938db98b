import { parseArgs } from 'node:util';
import { formatProblem } from '../../src/index.ts';
import { checkLibrary, formatWarning } from '../checkLibrary.ts';
import { DIALOGUES_DIR } from '../library.ts';
import { reportingUsage, type CliIo } from './io.ts';

const USAGE = `usage: npm run lint:dialogues [-- <scenario files or folders>...]

Checks scenarios (every file in dialogues/, or the ones named), their text in every language, every
path through them and the shared text, as the build does. Each problem is one line on stdout,
file:path: reason (line N), and the exit code is 1 if there is any. Warnings follow the problems,
file:path: warning: reason (line N), and change neither the exit code nor the build. A summary per
scenario (paths, endings, score bounds) goes to stderr.

  -h, --help  show this help
`;

export function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('lint:dialogues', USAGE, io, async () => {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    const { scenarios, problems, warnings } = checkLibrary(positionals.length > 0 ? positionals : [DIALOGUES_DIR]);
    for (const { summary } of scenarios) if (summary) io.stderr(`${summary}\n`);
    for (const problem of problems) io.stdout(`${formatProblem(problem)}\n`);
    for (const warning of warnings) io.stdout(`${formatWarning(warning)}\n`);
    const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
    const warned = warnings.length > 0 ? `, ${plural(warnings.length, 'warning')}` : '';
    io.stderr(`${plural(scenarios.length, 'scenario file')} checked, ${plural(problems.length, 'problem')}${warned}\n`);
    return problems.length > 0 ? 1 : 0;
  });
}
