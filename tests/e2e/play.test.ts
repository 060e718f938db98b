import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './harness.ts';
import { expectNoErrors, openGame } from './game.ts';
import { plannedPlays, type PlannedPlay } from './plans.ts';
import { playToDebrief, startFromMenu } from './play.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const expectedScores = (play: PlannedPlay) => ({ ...play.expected.skills, overall: play.expected.overall });

it('has worst plans that end short, so the list of unreached decisions is shown somewhere', () => {
  expect(plannedPlays('worst').filter((play) => play.expected.unreached.length > 0).length).toBeGreaterThan(0);
});

describe.each([
  { input: 'keyboard' as const, plan: 'best' },
  { input: 'mouse' as const, plan: 'mixed' },
  { input: 'mouse' as const, plan: 'worst' },
])('playing every scenario by $input ($plan plan)', ({ input, plan }) => {
  it.each(plannedPlays(plan).map((play) => ({ id: play.scenario.id, play })))('$id reaches its ending and the debrief shows the engine\'s scores', async ({ play }) => {
    const game = await openGame(browser, inject('baseUrl'));
    try {
      await startFromMenu(game.page, play.scenario.id, input);
      expect(await playToDebrief(game.page, play, input)).toEqual(expectedScores(play));
      // A conversation cut short lists what an expert would still have handled.
      expect(await game.page.locator('[data-testid="unreached"] li').count()).toBe(play.expected.unreached.length);
      await game.shot(`debrief-${play.scenario.id}-${input}`);
      expectNoErrors(game);
    } finally {
      await game.close();
    }
  });
});
