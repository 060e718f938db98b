import { main } from '../lms/cli.ts';
import { runWithProcess } from '../cli/io.ts';

await runWithProcess(main);
