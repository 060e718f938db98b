import { lineIds } from '../../src/index.ts';
import { courseTexts, scenarioLine, zipWithGame } from './build.ts';
import { courseStructure } from './course.ts';

export interface Cmi5PackageOptions {
  scenarios: readonly string[];
  language: string;
  pass: number;
}

/** The cmi5 zip: cmi5.xml and the built game from `gameDir`, at the root (section 14: the course structure file is named cmi5.xml). */
export function packageCmi5(gameDir: string, options: Cmi5PackageOptions): { zip: Uint8Array; courseStructure: string; files: string[] } {
  const { title, tagline } = courseTexts(options.language);
  const xml = courseStructure({
    title,
    description: tagline || title,
    aus: options.scenarios.map((scenarioId) => ({
      scenarioId,
      title: scenarioLine(scenarioId, options.language),
      description: scenarioLine(scenarioId, options.language, lineIds.brief),
    })),
    language: options.language,
    pass: options.pass,
  });
  return { ...zipWithGame(gameDir, { 'cmi5.xml': new TextEncoder().encode(xml) }), courseStructure: xml };
}
