import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, loadResources } from '../../tools/library.ts';
import { choicesFromScript, parseChoiceList } from '../../tools/cli/script.ts';
import { buildPlaythrough, renderPlaythrough } from '../../src/transcript.ts';
import { createTranslator, isLanguage } from '../../src/i18n/index.ts';
import { lineIds } from '../../src/index.ts';
import { libraryScenarios } from '../helpers.ts';
import { plansFor, transcriptFile, type Plan } from './plans.ts';

const scenarios = libraryScenarios();
const cases = scenarios.flatMap((scenario) => Object.entries(plansFor(scenario.id)).map(([name, plan]) => ({ id: scenario.id, name, plan, scenario })));

async function play(scenarioIndex: number, plan: Plan) {
  const scenario = scenarios[scenarioIndex];
  if (!scenario || !isLanguage(plan.lang)) throw new Error(`bad plan ${JSON.stringify(plan)}`);
  const i18n = await createTranslator(plan.lang, loadResources(LOCALES_DIR, plan.lang, scenario.id), { escapeValue: false });
  const t = i18n.t.bind(i18n) as TFunction;
  const playthrough = buildPlaythrough(scenario, choicesFromScript(scenario, parseChoiceList(plan.choices)), null, t);
  return { playthrough, text: renderPlaythrough(playthrough, t, t(lineIds.customerName, { ns: scenario.id })) };
}

describe('golden transcripts', () => {
  it('every scenario has a best, a worst and a mixed plan', () => {
    for (const scenario of scenarios) expect(Object.keys(plansFor(scenario.id)).sort(), scenario.id).toEqual(['best', 'mixed', 'worst']);
  });

  it.each(cases)('$id: $name ($plan.lang) matches its transcript file', async ({ id, name, plan, scenario }) => {
    const { text } = await play(scenarios.indexOf(scenario), plan);
    const header = `# ${id} · ${name} · ${plan.lang} · --choices ${plan.choices}\n`;
    await expect(header + text).toMatchFileSnapshot(transcriptFile(id, name, plan.lang));
  });

  // The two foundation scenarios promise at least 8 decisions; the writing guide asks 6–12 of every scenario.
  const minimumReplies = (id: string) => (['colleague-mistake', 'personal-insult'].includes(id) ? 8 : 6);

  // The best plan is the expert's path: 100 overall, though a skill the expert trades away may score less (docs/scoring.md).
  it.each(cases.filter((c) => c.name === 'best'))('$id: the best plan resolves with 100 overall over enough replies', async ({ id, plan, scenario }) => {
    const { playthrough } = await play(scenarios.indexOf(scenario), plan);
    expect(playthrough.outcome).toBe('resolved');
    expect(playthrough.scores.overall).toBe(100);
    const replies = playthrough.transcript.filter((entry) => entry.speaker === 'trainee' && entry.reply !== null).length;
    expect(replies).toBeGreaterThanOrEqual(minimumReplies(id));
    expect(replies).toBeLessThanOrEqual(12);
  });

  it.each(cases.filter((c) => c.name === 'worst'))('$id: the worst plan loses the customer with a failing score', async ({ plan, scenario }) => {
    const { playthrough } = await play(scenarios.indexOf(scenario), plan);
    expect(['customerLost', 'publicComplaint']).toContain(playthrough.outcome);
    expect(playthrough.scores.overall).toBeLessThan(40);
  });
});
