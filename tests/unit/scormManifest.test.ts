import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { packageScorm } from '../../tools/lms/build.ts';
import { launchParameters, schemaFiles, scormManifest, SCORM_VERSIONS, type ScormVersion } from '../../tools/lms/manifest.ts';

/** The namespaces a manifest of each version uses, with the schema file the package carries for each. */
const NAMESPACES: Record<ScormVersion, [string, string][]> = {
  '1.2': [
    ['http://www.imsproject.org/xsd/imscp_rootv1p1p2', 'imscp_rootv1p1p2.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
  ],
  '2004': [
    ['http://www.imsglobal.org/xsd/imscp_v1p1', 'imscp_v1p1.xsd'],
    ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
    ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
    ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
    ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
  ],
};

/**
 * Validates against the committed XSDs (tools/lms/schemas) with libxml2 in WebAssembly, offline.
 * xmllint takes one schema, so a driver imports each namespace's file; every extension element
 * (adlcp:masteryscore, imsss:sequencing…) sits in an `any` that the CP schema checks strictly.
 */
async function validate(version: ScormVersion, manifest: string): Promise<string[]> {
  const driver = `<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${NAMESPACES[version].map(([ns, file]) => `<xs:import namespace="${ns}" schemaLocation="${file}"/>`).join('')}</xs:schema>`;
  const result = await validateXML({
    xml: [{ fileName: 'imsmanifest.xml', contents: manifest }],
    schema: [{ fileName: 'driver.xsd', contents: driver }],
    preload: schemaFiles(version).map(({ name, path }) => ({ fileName: name, contents: readFileSync(path, 'utf8') })),
  });
  // ims_xml.xsd (IMS's own file, kept unchanged) draws a namespace warning from libxml2 that is not about the manifest.
  const errors = result.errors.map((error) => error.message).filter((message) => message.includes('validity error'));
  return result.valid ? errors : [...errors, 'not valid'];
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A stand-in for the built game: the packaging reads whatever files the folder has. */
function fakeGame(): string {
  const dir = mkdtempSync(join(tmpdir(), 'htl-scorm-unit-'));
  tempDirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>game</title>');
  writeFileSync(join(dir, 'assets', 'main-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'nunito-latin-400.woff2'), 'font');
  return dir;
}

describe.each(SCORM_VERSIONS)('SCORM %s package', (version) => {
  const scenarios = ['late-return', 'long-wait'];
  const built = packageScorm(fakeGame(), { version, scenarios, language: 'ru', pass: 80 });
  const entries = unzipSync(built.zip);

  it('is a zip with imsmanifest.xml, the schema files it names and the game, all at the root', () => {
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['imsmanifest.xml', 'index.html', 'assets/main-abc.js', 'assets/nunito-latin-400.woff2', ...schemaFiles(version).map(({ name }) => name)]));
    expect(strFromU8(entries['imsmanifest.xml'] as Uint8Array)).toBe(built.manifest);
    for (const [, file] of NAMESPACES[version]) expect(built.manifest).toContain(` ${file}`);
  });

  it('has a manifest valid against the SCORM schemas', async () => {
    expect(await validate(version, built.manifest)).toEqual([]);
  });

  it('validation is not a formality: a misspelt element, a missing attribute or a value out of its range fails it', async () => {
    expect(await validate(version, built.manifest.replace('<title>', '<titel>').replace('</title>', '</titel>'))).not.toEqual([]);
    expect(await validate(version, built.manifest.replace(/ identifierref="game"/, ''))).not.toEqual([]);
    // SCORM 1.2's schema types the mastery score as any string, so its check is the SCO type's vocabulary; 2004's measure is -1 to 1.
    const outOfRange = version === '1.2' ? built.manifest.replace('scormtype="sco"', 'scormtype="lesson"') : built.manifest.replace('>0.8<', '>1.8<');
    expect(outOfRange).not.toBe(built.manifest);
    expect(await validate(version, outOfRange)).not.toEqual([]);
  });

  it('has one SCO per scenario, titled in the package language, launching the game at that scenario with the pass mark', () => {
    const items = [...built.manifest.matchAll(/<item identifier="item-([^"]+)" identifierref="sco-\1" parameters="([^"]+)">\s*<title>([^<]+)<\/title>/g)];
    expect(items.map((match) => match[1])).toEqual(scenarios);
    expect(items[0]?.[3]).toBe(JSON.parse(readFileSync('locales/ru/late-return.json', 'utf8')).title);
    const parameters = new URLSearchParams((items[0]?.[2] ?? '').replaceAll('&amp;', '&'));
    expect(Object.fromEntries(parameters)).toEqual({ scenario: 'late-return', lang: 'ru', lms: version === '1.2' ? 'scorm12' : 'scorm2004', pass: '80' });
    expect(built.manifest.match(/adlcp:scorm[tT]ype="sco" href="index.html"/g)).toHaveLength(2);
    // The LMS's own pass mark, which it hands back to the SCO as mastery_score / scaled_passing_score.
    expect(built.manifest).toContain(version === '1.2' ? '<adlcp:masteryscore>80</adlcp:masteryscore>' : '<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>');
  });

  it('lists every game file in the shared resource, and no schema file', () => {
    const listed = [...built.manifest.matchAll(/<file href="([^"]+)"\/>/g)].map((match) => match[1]);
    expect(new Set(listed)).toEqual(new Set(built.files));
    expect(built.files).toEqual(['assets/main-abc.js', 'assets/nunito-latin-400.woff2', 'index.html']);
  });
});

describe('manifest text', () => {
  it('escapes titles and parameters as XML', async () => {
    const manifest = scormManifest({ version: '2004', courseTitle: 'Q & A <1>', scos: [{ scenarioId: 'x', title: '"quoted" & <b>' }], language: 'en', pass: 0, files: ['index.html'] });
    expect(manifest).toContain('<title>Q &amp; A &lt;1&gt;</title>');
    expect(manifest).toContain('<title>&quot;quoted&quot; &amp; &lt;b&gt;</title>');
    expect(await validate('2004', manifest)).toEqual([]);
  });

  it('launch parameters are a query string the game reads back', () => {
    expect(launchParameters('1.2', 'night-milk', 'en', 65)).toBe('?scenario=night-milk&lang=en&lms=scorm12&pass=65');
  });
});
