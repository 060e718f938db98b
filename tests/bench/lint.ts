/**
 * `npm run bench:lint`: wall time of `npm run lint:dialogues` on the whole library, as an author
 * runs it (npm, bundling and all), several runs. Prints one JSON object on its last line.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../../tools/library.ts';
import { median, round } from './stats.ts';

const RUNS = 7;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const seconds: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  execFileSync(npm, ['run', '--silent', 'lint:dialogues'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  seconds.push((performance.now() - started) / 1000);
}
console.log(JSON.stringify({ runs: RUNS, medianSeconds: round(median(seconds), 2), fastestSeconds: round(Math.min(...seconds), 2), slowestSeconds: round(Math.max(...seconds), 2) }));
