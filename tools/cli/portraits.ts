/**
 * `npm run portraits [-- scenario ids]`: draws each scenario's customer in five moods with DiceBear's avataaars
 * style (design by Pablo Stanley, free for personal and commercial use; see assets/README.md).
 * Output is committed to assets/portraits/<scenario>/<mood>.svg, so the game downloads nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAvatar } from '@dicebear/core';
import * as avataaars from '@dicebear/avataaars';
import { MOOD_BANDS, type MoodBand } from '../../src/index.ts';
import { collectScenarioFiles, DIALOGUES_DIR, PROJECT_ROOT } from '../library.ts';
import { reportingUsage, UsageError, type CliIo } from './io.ts';
import { readValidScenario, scenarioFileFor } from './scenarios.ts';

type Look = Record<string, string>;
type Face = { eyes: string; eyebrows: string; mouth: string };

const PORTRAITS_DIR = join(PROJECT_ROOT, 'assets', 'portraits');

/** Expressions from calm to furious; a tearful customer cries rather than shouts when upset. */
const FACES: Record<MoodBand, Face> = {
  calm: { eyes: 'happy', eyebrows: 'defaultNatural', mouth: 'smile' },
  settled: { eyes: 'default', eyebrows: 'defaultNatural', mouth: 'default' },
  tense: { eyes: 'side', eyebrows: 'flatNatural', mouth: 'serious' },
  heated: { eyes: 'squint', eyebrows: 'angryNatural', mouth: 'grimace' },
  furious: { eyes: 'surprised', eyebrows: 'angry', mouth: 'screamOpen' },
};
const TEARFUL_FACES: Partial<Record<MoodBand, Face>> = {
  tense: { eyes: 'default', eyebrows: 'sadConcernedNatural', mouth: 'sad' },
  heated: { eyes: 'cry', eyebrows: 'sadConcernedNatural', mouth: 'concerned' },
  furious: { eyes: 'cry', eyebrows: 'sadConcerned', mouth: 'screamOpen' },
};

function portrait(id: string, look: Look, face: Face): string {
  const { facialHair, accessories, ...rest } = look;
  const options = Object.fromEntries(Object.entries({ ...rest, ...face }).map(([key, value]) => [key, [value]]));
  return createAvatar(avataaars, {
    seed: id,
    size: 320, // an intrinsic size, so an <img> and Phaser's loader draw it alike
    ...options,
    facialHair: facialHair ? [facialHair] : [],
    facialHairColor: rest.hairColor ? [rest.hairColor] : [],
    facialHairProbability: facialHair ? 100 : 0,
    accessories: accessories ? [accessories] : [],
    accessoriesProbability: accessories ? 100 : 0,
  } as Parameters<typeof createAvatar<typeof avataaars>>[1]).toString();
}

const USAGE = `usage: npm run portraits [-- <scenario id>...]

Redraws each customer in five moods, from assets/portraits/personas.json, into
assets/portraits/<scenario>/<mood>.svg: every scenario in dialogues/, or only the ones named.

  -h, --help  show this help
`;

export function main(argv: string[], io: CliIo): Promise<number> {
  return reportingUsage('portraits', USAGE, io, async () => {
    const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    // Every id is checked before anything is drawn, so a typo leaves the folder as it was.
    const files = positionals.length > 0 ? positionals.map((id) => scenarioFileFor(DIALOGUES_DIR, id)) : collectScenarioFiles([DIALOGUES_DIR]).files;
    const personas = JSON.parse(readFileSync(join(PORTRAITS_DIR, 'personas.json'), 'utf8')) as Record<string, Look>;
    for (const file of files) {
      const { id, temperament } = readValidScenario(file);
      const look = personas[id];
      if (!look) throw new UsageError(`assets/portraits/personas.json has no look for "${id}"`);
      mkdirSync(join(PORTRAITS_DIR, id), { recursive: true });
      for (const band of MOOD_BANDS) {
        const face = (temperament === 'tearful' ? TEARFUL_FACES[band] : undefined) ?? FACES[band];
        writeFileSync(join(PORTRAITS_DIR, id, `${band}.svg`), portrait(id, look, face));
      }
      io.stdout(`${id}: ${MOOD_BANDS.length} portraits\n`);
    }
    return 0;
  });
}
