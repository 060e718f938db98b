import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Choice } from '../../src/index.ts';
import { SKILLS } from '../../src/rubric.ts';
import { replyButtons, waitForReplies } from './game.ts';
import type { PlannedPlay } from './plans.ts';

export type Input = 'keyboard' | 'mouse';

export async function startFromMenu(page: Page, scenarioId: string, input: Input): Promise<void> {
  await page.waitForSelector('.card');
  if (input === 'mouse') return page.click(`.card[data-scenario="${scenarioId}"]`);
  // Keyboard only: Tab through the menu until the card has focus, then Enter.
  for (let presses = 0; presses < 60; presses++) {
    if (await page.evaluate((id) => (document.activeElement as HTMLElement | null)?.dataset.scenario === id, scenarioId)) break;
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
}

async function choose(page: Page, choice: Choice, input: Input): Promise<void> {
  if (choice.kind === 'breath') return input === 'keyboard' ? page.keyboard.press('b') : page.click('[data-testid="breath"]');
  if (choice.kind === 'silence') throw new Error('plans do not wait out the timer');
  if (input === 'mouse') return page.click(`[data-testid="replies"] button[data-reply="${choice.reply}"]`);
  const ids = await replyButtons(page).evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).dataset.reply));
  await page.keyboard.press(String(ids.indexOf(choice.reply) + 1));
}

/** Plays a plan to its end and opens the debrief; returns the scores the page shows. */
export async function playToDebrief(page: Page, play: PlannedPlay, input: Input): Promise<Record<string, number>> {
  for (const [index, choice] of play.choices.entries()) {
    await waitForReplies(page);
    await choose(page, choice, input);
    await page.waitForSelector(`.conversation[data-decisions="${index + 1}"]`);
  }
  await page.waitForSelector('[data-testid="continue"]');
  if (input === 'keyboard') {
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('continue');
    await page.keyboard.press('Enter');
  } else {
    await page.click('[data-testid="continue"]');
  }
  await page.waitForSelector('[data-testid="debrief"]');
  const scores: Record<string, number> = {};
  for (const skill of [...SKILLS, 'overall']) {
    const selector = skill === 'overall' ? '[data-testid="overall"]' : `[data-testid="skill-score-${skill}"]`;
    scores[skill] = Number(await page.textContent(selector));
  }
  return scores;
}

