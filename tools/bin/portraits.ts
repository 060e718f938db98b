import { main } from '../cli/portraits.ts';
import { runWithProcess } from '../cli/io.ts';

await runWithProcess(main);
