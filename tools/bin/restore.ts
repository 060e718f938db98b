import { main } from '../cli/restore.ts';
import { runWithProcess } from '../cli/io.ts';

await runWithProcess(main);
