import { describe, expect, it } from 'vitest';
import { LANGUAGES, SKILLS } from '../../src/index.ts';
import { BOT_TARGETS, libraryBotReports, libraryMeasures } from '../../tools/cli/reportDialogues.ts';
import { libraryScenarios } from '../helpers.ts';

/**
 * The library's guards against an answer that shows itself (issue 10, item 6): bots that read only
 * the length of the replies, or play one skill, over every scenario in every language.
 */
const reports = libraryBotReports(libraryScenarios());

describe.each(LANGUAGES)('the library in %s', (language) => {
  const scenarios = reports.get(language) ?? [];
  const measures = libraryMeasures(scenarios);

  it('does not reward always picking the longest reply', () => {
    expect(measures.scenarios).toBeGreaterThan(0);
    expect(measures.longestOverall).toBeLessThanOrEqual(BOT_TARGETS.longestOverall);
    expect(measures.longestResolved).toBeLessThanOrEqual(BOT_TARGETS.longestResolved);
  });

  it.each(scenarios.map((report) => [report.scenario, report] as const))('%s: the expert reply is the longest at no more than 40 % of decisions', (_, report) => {
    expect(report.cues.bestIsLongest / report.cues.decisions).toBeLessThanOrEqual(BOT_TARGETS.bestIsLongest);
  });

  it.each(SKILLS)('separates the skills: the %s bot scores its own skill highest in most scenarios', (skill) => {
    expect(measures.ownSkill[skill].highest).toBeGreaterThan(scenarios.length / 2);
  });

  it.each(scenarios.map((report) => [report.scenario, report] as const))('%s: its difficulty label matches the measure', (_, report) => {
    // Exact (no sampling), so the label must be the measured level itself.
    expect(report.labelled, `labelled ${report.labelled}, measured ${report.mostlyGood.measured} (${(100 * report.mostlyGood.resolved).toFixed(1)} % resolved)`).toBe(report.mostlyGood.measured);
  });
});
