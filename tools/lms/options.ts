import { parseArgs } from 'node:util';
import { isLanguage, LANGUAGES, type Language } from '../../src/index.ts';
import { UsageError } from '../cli/io.ts';
import { SCORM_VERSIONS, type ScormVersion } from './manifest.ts';

export const USAGE = `Usage: npm run package:scorm -- --version 1.2|2004 [--scenario <id> …] [--lang en|ru] [--pass 70] [--out <file.zip>]

Builds the game as static files (no server) and writes a SCORM package: one SCO per scenario, each
reporting completion, pass or fail, the score, session time, every decision as an interaction and
the four skills as objectives. Upload the zip to the LMS as a SCORM package (docs/lms.md).

  --version   1.2 or 2004 (SCORM 2004 4th Edition)
  --scenario  scenario ids to include (repeat the flag, list them after it, or separate with commas); default: all
  --lang      the language the scenarios are played in (default: en)
  --pass      pass mark, a whole number from 0 to 100 (default: 70); an LMS's own mastery score wins
  --out       the zip to write (default: hold-the-line-scorm<12|2004>-<lang>.zip here)
`;

export const DEFAULT_PASS = 70;

export interface ScormOptions {
  version: ScormVersion;
  /** In the order given; every scenario of the library when none was named. */
  scenarios: string[];
  language: Language;
  pass: number;
  out: string;
}

export type ParsedOptions = { help: true } | ({ help: false } & ScormOptions);

const COMMON_FLAGS = {
  scenario: { type: 'string', multiple: true },
  lang: { type: 'string', default: 'en' },
  pass: { type: 'string', default: String(DEFAULT_PASS) },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** What every package takes: scenarios, language, pass mark and the zip to write (its default named by `defaultOut`). */
function parseCommon(
  values: { scenario?: string[]; lang: string; pass: string; out?: string },
  positionals: readonly string[],
  library: readonly string[],
  defaultOut: (language: Language) => string,
): Omit<ScormOptions, 'version'> {
  // `--scenario a b` leaves b as a positional; there is nothing else a positional could be.
  const named = [...(values.scenario ?? []), ...positionals].flatMap((value) => value.split(',')).map((id) => id.trim()).filter((id) => id !== '');
  if (positionals.length > 0 && values.scenario === undefined) throw new UsageError(`unexpected argument "${positionals[0]}" (scenario ids follow --scenario)`);
  const unknown = named.filter((id) => !library.includes(id));
  if (unknown.length > 0) throw new UsageError(`unknown scenario ${unknown.map((id) => `"${id}"`).join(', ')}; the library has: ${library.join(', ')}`);
  const scenarios = named.length > 0 ? [...new Set(named)] : [...library];

  const language = values.lang;
  if (!isLanguage(language)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, not "${language}"`);

  const pass = Number(values.pass);
  if (!/^\d{1,3}$/.test(values.pass) || pass > 100) throw new UsageError(`--pass must be a whole number from 0 to 100, not "${values.pass}"`);

  const out = values.out ?? defaultOut(language);
  if (!out.endsWith('.zip')) throw new UsageError(`--out must name a .zip file, not "${out}"`);
  return { scenarios, language, pass, out };
}

/** Reads the command line against the library's scenario ids; anything the person must fix is a UsageError saying what. */
export function parseScormOptions(argv: readonly string[], library: readonly string[]): ParsedOptions {
  const { values, positionals } = parseArgs({ args: [...argv], options: { ...COMMON_FLAGS, version: { type: 'string' } }, allowPositionals: true, strict: true });
  if (values.help) return { help: true };

  const version = values.version;
  if (version === undefined) throw new UsageError(`--version is required: ${SCORM_VERSIONS.join(' or ')}`);
  if (!(SCORM_VERSIONS as readonly string[]).includes(version)) throw new UsageError(`--version must be ${SCORM_VERSIONS.join(' or ')}, not "${version}"`);
  const common = parseCommon(values, positionals, library, (language) => `hold-the-line-scorm${version === '1.2' ? '12' : '2004'}-${language}.zip`);
  return { help: false, version: version as ScormVersion, ...common };
}

export const CMI5_USAGE = `Usage: npm run package:cmi5 -- [--scenario <id> …] [--lang en|ru] [--pass 70] [--out <file.zip>]

Builds the game as static files (no server) and writes a cmi5 course package: cmi5.xml with one
AU per scenario (moveOn CompletedAndPassed, masteryScore the pass mark) and the game. Each AU
sends initialized, every decision, completed, passed or failed and terminated to the LMS's LRS.
Import the zip into an LMS that supports cmi5 (docs/lms.md).

  --scenario  scenario ids to include (repeat the flag, list them after it, or separate with commas); default: all
  --lang      the language the scenarios are played in (default: en)
  --pass      pass mark, a whole number from 0 to 100 (default: 70), written as the AUs' masteryScore (0–1)
  --out       the zip to write (default: hold-the-line-cmi5-<lang>.zip here)
`;

export type Cmi5Options = Omit<ScormOptions, 'version'>;

export function parseCmi5Options(argv: readonly string[], library: readonly string[]): { help: true } | ({ help: false } & Cmi5Options) {
  const { values, positionals } = parseArgs({ args: [...argv], options: COMMON_FLAGS, allowPositionals: true, strict: true });
  if (values.help) return { help: true };
  return { help: false, ...parseCommon(values, positionals, library, (language) => `hold-the-line-cmi5-${language}.zip`) };
}
