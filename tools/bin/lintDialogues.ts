import { runWithProcess } from '../cli/io.ts';
import { main } from '../cli/lintDialogues.ts';

await runWithProcess(main);
