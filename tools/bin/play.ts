import { main } from '../cli/play.ts';
import { runWithProcess } from '../cli/io.ts';

await runWithProcess(main);
