import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's imsmanifest.xml. One SCO per scenario (docs/lms.md says why): each item launches
 * the same index.html with its own parameters (`?scenario=<id>&lang=<lng>&lms=<version>&pass=<n>`),
 * the LMS keeps a score, a status and interactions per scenario, and the pass mark travels both in
 * the URL and as the standard's own field (SCORM 1.2 `adlcp:masteryscore`, SCORM 2004 a primary
 * objective satisfied by a measure of at least pass / 100), which the LMS hands back to the SCO.
 */

export const SCORM_VERSIONS = ['1.2', '2004'] as const;
export type ScormVersion = (typeof SCORM_VERSIONS)[number];

/** The `lms` launch flag the game reads (client/lms/launch.ts): which API object to look for. */
export const launchFlag = (version: ScormVersion) => (version === '1.2' ? 'scorm12' : 'scorm2004');

export interface ManifestSco {
  scenarioId: string;
  title: string;
}

export interface ManifestOptions {
  version: ScormVersion;
  courseTitle: string;
  scos: readonly ManifestSco[];
  language: string;
  /** Pass mark, 0–100. */
  pass: number;
  /** Every file of the built game, relative to the package root with forward slashes. */
  files: readonly string[];
}

const SCHEMA_ROOT = join(fileURLToPath(new URL('.', import.meta.url)), 'schemas');

/** The schema files a package of this version carries in its root, beside the manifest that names them. */
export function schemaFiles(version: ScormVersion): { name: string; path: string }[] {
  const folder = join(SCHEMA_ROOT, version === '1.2' ? 'scorm12' : 'scorm2004');
  return readdirSync(folder)
    .sort()
    .map((name) => ({ name, path: join(folder, name) }));
}

export const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** What the LMS appends to the SCO's href when it launches one scenario. */
export function launchParameters(version: ScormVersion, scenarioId: string, language: string, pass: number): string {
  return `?${new URLSearchParams({ scenario: scenarioId, lang: language, lms: launchFlag(version), pass: String(pass) })}`;
}

const NAMESPACES: Record<ScormVersion, { root: string; attributes: string; metadata: string }> = {
  '1.2': {
    root: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
    attributes: [
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"',
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
      'xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"',
    ].join(' '),
    metadata: '1.2',
  },
  '2004': {
    root: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    attributes: [
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"',
      'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"',
      'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"',
      'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"',
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
      'xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"',
    ].join(' '),
    metadata: '2004 4th Edition',
  },
};

/** The item's pass mark in the version's own terms; SCORM 2004 also lets the SCO set its own status and completion. */
function passMark(version: ScormVersion, pass: number): string[] {
  if (version === '1.2') return [`<adlcp:masteryscore>${pass}</adlcp:masteryscore>`];
  return [
    '<imsss:sequencing>',
    '  <imsss:objectives>',
    '    <imsss:primaryObjective satisfiedByMeasure="true">',
    `      <imsss:minNormalizedMeasure>${pass / 100}</imsss:minNormalizedMeasure>`,
    '    </imsss:primaryObjective>',
    '  </imsss:objectives>',
    '  <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>',
    '</imsss:sequencing>',
  ];
}

export function scormManifest(options: ManifestOptions): string {
  const { version, pass, language } = options;
  const ns = NAMESPACES[version];
  const scormType = version === '1.2' ? 'adlcp:scormtype' : 'adlcp:scormType';
  const indent = (lines: string[], depth: number) => lines.map((line) => `${' '.repeat(depth)}${line}`);
  const items = options.scos.flatMap(({ scenarioId, title }) => [
    `<item identifier="item-${scenarioId}" identifierref="sco-${scenarioId}" parameters="${escapeXml(launchParameters(version, scenarioId, language, pass))}">`,
    `  <title>${escapeXml(title)}</title>`,
    ...indent(passMark(version, pass), 2),
    '</item>',
  ]);
  const scoResources = options.scos.flatMap(({ scenarioId }) => [
    `<resource identifier="sco-${scenarioId}" type="webcontent" ${scormType}="sco" href="index.html">`,
    '  <file href="index.html"/>',
    '  <dependency identifierref="game"/>',
    '</resource>',
  ]);
  // Flow lets "Continue" go from one scenario to the next; choice keeps the LMS's table of contents.
  const organisationSequencing = version === '2004' ? ['<imsss:sequencing>', '  <imsss:controlMode choice="true" flow="true"/>', '</imsss:sequencing>'] : [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="hold-the-line-${launchFlag(version)}" version="1" xmlns="${ns.root}" ${ns.attributes}>`,
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    `    <schemaversion>${ns.metadata}</schemaversion>`,
    '  </metadata>',
    '  <organizations default="hold-the-line">',
    '    <organization identifier="hold-the-line">',
    `      <title>${escapeXml(options.courseTitle)}</title>`,
    ...indent(items, 6),
    ...indent(organisationSequencing, 6),
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    ...indent(scoResources, 4),
    `    <resource identifier="game" type="webcontent" ${scormType}="asset">`,
    ...options.files.map((file) => `      <file href="${escapeXml(file)}"/>`),
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}
