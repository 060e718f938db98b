import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XAPI_BASE } from '../../src/index.ts';
import { escapeXml } from './manifest.ts';

/**
 * The cmi5 course structure (cmi5.xml, the specification's section 13): one AU per scenario, each
 * launching the same index.html with its own parameters (`?scenario=<id>&lang=<lng>&pass=<n>`; the
 * LMS adds endpoint, fetch, actor, registration and activityId). moveOn is CompletedAndPassed: an
 * AU counts once the conversation was played to its end and scored at least the mastery score,
 * which is the package's pass mark as 0–1, and which the LMS hands back in LMS.LaunchData.
 */

export const COURSE_STRUCTURE_NS = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';
export const COURSE_STRUCTURE_XSD = join(fileURLToPath(new URL('.', import.meta.url)), 'schemas', 'cmi5', 'CourseStructure.xsd');
export const MOVE_ON = 'CompletedAndPassed';

/** The publisher's ids: fixed, so an LMS importing a newer package of the same course recognises its AUs. */
export const courseId = (language: string) => `${XAPI_BASE}/cmi5/courses/hold-the-line-${language}`;
export const auId = (scenarioId: string) => `${XAPI_BASE}/scenarios/${encodeURIComponent(scenarioId)}`;

export interface CourseAu {
  scenarioId: string;
  title: string;
  description: string;
}

export interface CourseOptions {
  title: string;
  description: string;
  aus: readonly CourseAu[];
  language: string;
  /** Pass mark, 0–100. */
  pass: number;
}

/** What the LMS launches for one AU, relative to the package root. */
export const auUrl = (scenarioId: string, language: string, pass: number) => `index.html?${new URLSearchParams({ scenario: scenarioId, lang: language, pass: String(pass) })}`;

const text = (tag: string, value: string, language: string) => [`<${tag}>`, `  <langstring lang="${escapeXml(language)}">${escapeXml(value)}</langstring>`, `</${tag}>`];
const indent = (lines: string[], depth: number) => lines.map((line) => `${' '.repeat(depth)}${line}`);

export function courseStructure(options: CourseOptions): string {
  const { language, pass } = options;
  const aus = options.aus.flatMap(({ scenarioId, title, description }) => [
    `<au id="${escapeXml(auId(scenarioId))}" moveOn="${MOVE_ON}" masteryScore="${pass / 100}" launchMethod="AnyWindow">`,
    ...indent([...text('title', title, language), ...text('description', description, language), `<url>${escapeXml(auUrl(scenarioId, language, pass))}</url>`], 2),
    '</au>',
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<courseStructure xmlns="${COURSE_STRUCTURE_NS}">`,
    `  <course id="${escapeXml(courseId(language))}">`,
    ...indent([...text('title', options.title, language), ...text('description', options.description, language)], 4),
    '  </course>',
    ...indent(aus, 2),
    '</courseStructure>',
    '',
  ].join('\n');
}
