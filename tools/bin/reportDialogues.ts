import { main } from '../cli/reportDialogues.ts';
import { runWithProcess } from '../cli/io.ts';

await runWithProcess(main);
