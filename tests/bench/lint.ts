/**
 * `npm run bench:lint`: wall time of `npm run lint:dialogues` on the whole library, as an author
 * runs it (npm, bundling and all), several runs. Prints one JSON object on its last line.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../../src/cli/project.ts';

const RUNS = 7;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const seconds: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  execFileSync(npm, ['run', '--silent', 'lint:dialogues'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  seconds.push((performance.now() - started) / 1000);
}
seconds.sort((a, b) => a - b);
const round = (value: number) => Number(value.toFixed(2));
console.log(JSON.stringify({ runs: RUNS, medianSeconds: round(seconds[Math.floor(RUNS / 2)] ?? 0), fastestSeconds: round(seconds[0] ?? 0), slowestSeconds: round(seconds.at(-1) ?? 0) }));
