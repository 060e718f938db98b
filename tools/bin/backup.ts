import { main } from '../cli/backup.ts';
import { runWithProcess } from '../cli/io.ts';

await runWithProcess(main);
