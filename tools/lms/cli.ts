import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reportingUsage, type CliIo } from '../cli/io.ts';
import { collectScenarioFiles, DIALOGUES_DIR } from '../library.ts';
import { buildStaticGame, packageScorm } from './build.ts';
import { packageCmi5 } from './cmi5Package.ts';
import { CMI5_USAGE, parseCmi5Options, parseScormOptions, USAGE, type Cmi5Options, type ScormOptions } from './options.ts';

/** The library's scenario ids, from the file names (the build checks the files themselves). */
const libraryIds = () => collectScenarioFiles([DIALOGUES_DIR]).files.map((file) => file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, ''));

interface Packager<O extends Cmi5Options> {
  command: string;
  usage: string;
  parse(argv: string[], library: readonly string[]): { help: true } | ({ help: false } & O);
  pack(gameDir: string, options: O): { zip: Uint8Array; files: string[] };
  /** What the package is, for the line printed at the end. */
  kind(options: O): string;
}

/** Options checked first, then the static build in a temporary folder, then the zip. */
async function runPackager<O extends Cmi5Options>(packager: Packager<O>, argv: string[], io: CliIo): Promise<number> {
  return reportingUsage(packager.command, packager.usage, io, async () => {
    const options = packager.parse(argv, libraryIds());
    if (options.help) {
      io.stdout(packager.usage);
      return 0;
    }
    const gameDir = mkdtempSync(join(tmpdir(), 'htl-lms-'));
    try {
      await buildStaticGame(gameDir);
      const { zip, files } = packager.pack(gameDir, options);
      const out = resolve(options.out);
      writeFileSync(out, zip);
      io.stdout(`${packager.kind(options)} package: ${out} (${Math.ceil(zip.length / 1024)} KB, ${files.length} game files; ${options.scenarios.length} scenario${options.scenarios.length === 1 ? '' : 's'} in ${options.language}, pass mark ${options.pass}).\n`);
    } finally {
      rmSync(gameDir, { recursive: true, force: true });
    }
    return 0;
  });
}

/** `npm run package:scorm`. */
export const main = (argv: string[], io: CliIo) =>
  runPackager<ScormOptions>({ command: 'package:scorm', usage: USAGE, parse: parseScormOptions, pack: packageScorm, kind: (options) => `SCORM ${options.version}` }, argv, io);

/** `npm run package:cmi5`. */
export const cmi5Main = (argv: string[], io: CliIo) => runPackager({ command: 'package:cmi5', usage: CMI5_USAGE, parse: parseCmi5Options, pack: packageCmi5, kind: () => 'cmi5' }, argv, io);
