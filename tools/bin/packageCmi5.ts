import { cmi5Main } from '../lms/cli.ts';
import { runWithProcess } from '../cli/io.ts';

await runWithProcess(cmi5Main);
