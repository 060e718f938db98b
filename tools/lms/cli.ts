import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reportingUsage, type CliIo } from '../cli/io.ts';
import { collectScenarioFiles, DIALOGUES_DIR } from '../library.ts';
import { buildStaticGame, packageScorm } from './build.ts';
import { parseScormOptions, USAGE } from './options.ts';

/** The library's scenario ids, from the file names (the build checks the files themselves). */
const libraryIds = () => collectScenarioFiles([DIALOGUES_DIR]).files.map((file) => file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, ''));

/** `npm run package:scorm`: options checked first, then the static build in a temporary folder, then the zip. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('package:scorm', USAGE, io, async () => {
    const options = parseScormOptions(argv, libraryIds());
    if (options.help) {
      io.stdout(USAGE);
      return 0;
    }
    const gameDir = mkdtempSync(join(tmpdir(), 'htl-scorm-'));
    try {
      await buildStaticGame(gameDir);
      const { zip, files } = packageScorm(gameDir, options);
      const out = resolve(options.out);
      writeFileSync(out, zip);
      io.stdout(`SCORM ${options.version} package: ${out} (${Math.ceil(zip.length / 1024)} KB, ${files.length} game files; ${options.scenarios.length} scenario${options.scenarios.length === 1 ? '' : 's'} in ${options.language}, pass mark ${options.pass}).\n`);
    } finally {
      rmSync(gameDir, { recursive: true, force: true });
    }
    return 0;
  });
}
