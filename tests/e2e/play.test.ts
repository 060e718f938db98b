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

describe.each([
  { input: 'keyboard' as const, plan: 'best' },
  { input: 'mouse' as const, plan: 'mixed' },
])('playing every scenario by $input ($plan plan)', ({ input, plan }) => {
  it.each(plannedPlays(plan).map((play) => ({ id: play.scenario.id, play })))('$id reaches its ending and the debrief shows the engine\'s scores', async ({ play }) => {
    const game = await openGame(browser, inject('baseUrl'));
    try {
      await startFromMenu(game.page, play.scenario.id, input);
      expect(await playToDebrief(game.page, play, input)).toEqual(expectedScores(play));
      await game.shot(`debrief-${play.scenario.id}-${input}`);
      expectNoErrors(game);
    } finally {
      await game.close();
    }
  });
});
