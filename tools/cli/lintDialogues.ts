import { parseArgs } from 'node:util';
import { formatProblem } from '../../src/scenario/index.ts';
import { checkLibrary } from '../checkLibrary.ts';
import { DIALOGUES_DIR } from '../library.ts';
import { reportingUsage, type CliMain } from './io.ts';

const USAGE = 'usage: npm run lint:dialogues -- [scenario files or folders; default dialogues/]\n';

/**
 * `npm run lint:dialogues -- [files or folders]`: schema, references, text in every language,
 * path analysis and the shared text, as the build checks them; every problem as
 * `file:path: reason (line N)` on stdout, exit 1 if any. A summary per scenario (paths, endings,
 * score bounds) goes to stderr.
 */
export const main: CliMain = (argv, io) =>
  reportingUsage('lint:dialogues', USAGE, io, async () => {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const { scenarios, problems } = checkLibrary(positionals.length > 0 ? positionals : [DIALOGUES_DIR]);
    for (const { summary } of scenarios) if (summary) io.stderr(`${summary}\n`);
    for (const problem of problems) io.stdout(`${formatProblem(problem)}\n`);
    const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
    io.stderr(`${plural(scenarios.length, 'scenario file')} checked, ${plural(problems.length, 'problem')}\n`);
    return problems.length > 0 ? 1 : 0;
  });
