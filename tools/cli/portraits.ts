/**
 * `npm run portraits [-- scenario ids]`: draws each scenario's customer in five moods with DiceBear's avataaars
 * style (design by Pablo Stanley, free for personal and commercial use; see assets/README.md).
 * Output is committed to assets/portraits/<scenario>/<mood>.svg, so the game downloads nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAvatar } from '@dicebear/core';
import * as avataaars from '@dicebear/avataaars';
import { MOOD_BANDS, type MoodBand } from '../../src/rubric.ts';
import { collectScenarioFiles, DIALOGUES_DIR, PROJECT_ROOT, readScenarioFile } from '../library.ts';

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

const personas = JSON.parse(readFileSync(join(PORTRAITS_DIR, 'personas.json'), 'utf8')) as Record<string, Look>;
const only = process.argv.slice(2);
const files = only.length > 0 ? only.map((id) => join(DIALOGUES_DIR, `${id}.yaml`)) : collectScenarioFiles([DIALOGUES_DIR]).files;
for (const file of files) {
  const parsed = readScenarioFile(file);
  if (!parsed.ok) throw new Error(`${file} has problems; run npm run lint:dialogues`);
  const { id, temperament } = parsed.scenario;
  const look = personas[id];
  if (!look) throw new Error(`assets/portraits/personas.json has no look for "${id}"`);
  mkdirSync(join(PORTRAITS_DIR, id), { recursive: true });
  for (const band of MOOD_BANDS) {
    const face = (temperament === 'tearful' ? TEARFUL_FACES[band] : undefined) ?? FACES[band];
    writeFileSync(join(PORTRAITS_DIR, id, `${band}.svg`), portrait(id, look, face));
  }
  process.stdout.write(`${id}: ${MOOD_BANDS.length} portraits\n`);
}
