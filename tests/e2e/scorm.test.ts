import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSuspendData } from '../../client/lms/suspend.ts';
import { decisionTextId, scoreChoices, SKILLS, WEAK_BELOW } from '../../src/index.ts';
import { SCREENSHOTS } from './game.ts';
import { launchChromium, watchForErrors } from './harness.ts';
import { plannedPlays } from './plans.ts';
import { expectReportOf, summariseCmi, type CmiSummary } from './scormCmi.ts';
import { launch, launchUrl, manifestPassMark, playChoices, readCmi, repliesAfter, shownReplies, startScormLms, type ScormLms } from './scormLms.ts';

/** An untimed scenario whose mixed plan has a weak decision and a breath or enough decisions to stop after two. */
const play = plannedPlays('mixed').find(({ scenario, choices }) => {
  const scored = scoreChoices(scenario, choices);
  return !scenario.timer && choices.length >= 4 && scored.ok && scored.report.decisions.some((review) => review.quality < WEAK_BELOW);
});
if (!play) throw new Error('no untimed mixed plan with a weak decision');
const { scenario, choices, lang } = play;
const PASS = 60;

let browser: Browser;
let lms: ScormLms;
beforeAll(async () => {
  [browser, lms] = await Promise.all([launchChromium(), startScormLms({ scenarios: [scenario.id, 'night-milk'].filter((id, i, all) => all.indexOf(id) === i), pass: PASS, language: play.lang })]);
});
afterAll(async () => {
  await browser?.close();
  await lms?.close();
});

/** A page of the harness with error watching: a console error in the harness or the SCO fails the test. */
async function withHarness(run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  // The reporter warns when the LMS refuses a value or cannot be found: either is a failure here.
  const lmsWarnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && /LMS|SCORM/.test(message.text())) lmsWarnings.push(message.text());
  });
  try {
    await page.goto(`${lms.url}/harness.html`);
    await run(page);
    expect(errors, 'console or page errors').toEqual([]);
    expect(lmsWarnings, 'values the LMS refused').toEqual([]);
  } finally {
    await context.close();
  }
}

/**
 * What the LMS gives the SCO at first launch. The SCORM 1.2 LMS passes on the manifest's mastery
 * score, as the standard asks; the SCORM 2004 one has its own passing score (an administrator's
 * override, 78 against the package's 60), which the SCO must apply instead of its own.
 */
const LMS_PASS = { '1.2': PASS, '2004': 78 };
const firstLaunch = (version: '1.2' | '2004') =>
  version === '1.2'
    ? { core: { student_id: 'learner-1', student_name: 'Doe, Jane' }, student_data: { mastery_score: manifestPassMark(lms.packages['1.2']) } }
    : { learner_id: 'learner-1', learner_name: 'Jane Doe', scaled_passing_score: String(LMS_PASS['2004'] / 100) };

/** SCORM 2004's descriptions: what the trainee said at each decision, and each skill objective's name. */
function descriptions(data: unknown): { said: string[]; skills: string[] } {
  const cmi = (data as { cmi: Record<string, Record<string, { description: string }>> }).cmi;
  return { said: Object.values(cmi.interactions ?? {}).map((interaction) => interaction.description), skills: Object.values(cmi.objectives ?? {}).map((objective) => objective.description) };
}

function expectedDescriptions(): { said: string[]; skills: string[] } {
  const text = (ns: string, key: string) => key.split('.').reduce<unknown>((tree, part) => (tree as Record<string, unknown>)[part], JSON.parse(readFileSync(join('locales', lang, `${ns}.json`), 'utf8')));
  const scored = scoreChoices(scenario, choices);
  if (!scored.ok) throw new Error(scored.error);
  const said = scored.report.decisions.map((review) => decisionTextId(scenario.id, review.node, review.choice)).map(({ ns, key }) => String(text(ns, key)));
  return { said, skills: SKILLS.map((skill) => String(text('common', `skills.${skill}`))) };
}

async function finished(page: Page, version: '1.2' | '2004'): Promise<CmiSummary> {
  await expect.poll(async () => (await readCmi(page)).terminated, { timeout: 15_000 }).toBe(true);
  return summariseCmi(version, (await readCmi(page)).data);
}

it('keeps the SCORM code out of the game\'s first chunk, and the package has no service worker', () => {
  const { folder } = lms.packages['2004'];
  const html = readFileSync(join(folder, 'index.html'), 'utf8');
  // What index.html loads before anything asks: its module script and the modules it preloads.
  const initial = [...html.matchAll(/<script type="module"[^>]*src="\.\/([^"]+)"|<link rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)].map((match) => match[1] ?? match[2] ?? '');
  expect(initial.length).toBeGreaterThan(0);
  const hasScorm = (file: string) => readFileSync(join(folder, file), 'utf8').includes('API_1484_11');
  expect(initial.filter(hasScorm)).toEqual([]);
  expect(readdirSync(join(folder, 'assets')).filter((file) => file.endsWith('.js') && hasScorm(`assets/${file}`))).toHaveLength(1);
  expect(existsSync(join(folder, 'sw.js'))).toBe(false);
});

it('plays in Russian in a phone-sized LMS frame', async () => {
  await withHarness(async (page) => {
    await page.setViewportSize({ width: 360, height: 640 });
    const url = launchUrl(lms.packages['1.2'], scenario.id).replace(`lang=${play.lang}`, 'lang=ru');
    const frame = await launch(page, '1.2', url, firstLaunch('1.2'));
    await page.evaluate(() => document.querySelector('iframe')?.setAttribute('style', 'width:360px;height:640px'));
    await shownReplies(frame);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe('ru');
    await page.screenshot({ path: join(SCREENSHOTS, 'scorm-phone-ru.png') });
  });
});

describe.each([
  { version: '1.2' as const, input: 'keyboard' as const },
  { version: '2004' as const, input: 'mouse' as const },
])('SCORM $version package in an LMS (scorm-again)', ({ version, input }) => {
  it(`plays a full attempt by ${input} and reports every decision, the skills, score, pass or fail, completion and session time`, async () => {
    await withHarness(async (page) => {
      const frame = await launch(page, version, launchUrl(lms.packages[version], scenario.id), firstLaunch(version));
      await playChoices(frame, choices, 0, input);
      const summary = await finished(page, version);
      expect(manifestPassMark(lms.packages[version])).toBe(version === '1.2' ? '60' : '0.6');
      expectReportOf(version, summary, scenario, choices, LMS_PASS[version]);
      // The plan scores between the two pass marks: passed against the package's, failed against the 2004 LMS's own.
      expect(summary.status.success).toBe(version === '1.2' ? 'passed' : 'failed');
      expect(summary.sessionTime).toMatch(version === '1.2' ? /^\d+:\d\d:\d\d(\.\d+)?$/ : /^PT.*S$/);
      expect(summary.sessionTime).not.toMatch(/^(0+:00:00(\.0+)?|PT0S)$/);
      expect(summary.exit).toBe(version === '1.2' ? '' : 'normal');
      if (version === '2004') expect(descriptions((await readCmi(page)).data)).toEqual(expectedDescriptions());
      await frame.waitForSelector('[data-testid="continue"]');
      await page.screenshot({ path: join(SCREENSHOTS, `scorm-${version}-end.png`) });
    });
  });

  it('resumes a closed window at decision 3 with the same reply order, and ends with the score of an uninterrupted run', async () => {
    await withHarness(async (page) => {
      const url = launchUrl(lms.packages[version], scenario.id);
      const first = await launch(page, version, url, firstLaunch(version));
      await playChoices(first, choices.slice(0, 2), 0, input);
      // Closing the SCO's frame is the LMS window closing: pagehide commits and terminates with exit "suspend".
      await page.evaluate(() => (window as unknown as { closeSco: () => void }).closeSco());
      const { data, terminated } = await readCmi(page);
      expect(terminated).toBe(true);
      const suspended = summariseCmi(version, data);
      expect(suspended.exit).toBe('suspend');
      expect(suspended.status.completion).toBe('incomplete');
      expect(suspended.interactions).toHaveLength(2);
      const resumable = decodeSuspendData(scenario, suspended.suspendData);
      expect(resumable?.choices).toEqual(choices.slice(0, 2));

      // The LMS relaunches the SCO with what it stored, entry "resume".
      const stored = (data as { cmi: Record<string, unknown> }).cmi;
      const entry = version === '1.2' ? { core: { ...(stored.core as object), entry: 'resume' } } : { entry: 'resume' };
      const second = await launch(page, version, url, { ...stored, ...entry });
      await second.waitForSelector('.conversation[data-decisions="2"]');
      expect(await shownReplies(second)).toEqual(repliesAfter(scenario, resumable?.seed ?? -1, choices.slice(0, 2)));
      await page.screenshot({ path: join(SCREENSHOTS, `scorm-${version}-resumed.png`) });
      await playChoices(second, choices, 2, input);
      expectReportOf(version, await finished(page, version), scenario, choices, LMS_PASS[version]);
    });
  });
});
