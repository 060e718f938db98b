import type { TFunction } from 'i18next';
import { choiceKey, COMMON_NAMESPACE, legalChoices, type Choice, type ConversationState, type Scenario, type Tally } from '../../../src/index.ts';
import type { ScenarioBook } from '../../parts/scenarioBook.ts';

/** A move as every live screen lists it: its key (`choiceKey`), and what a person reads on the button or the slide. */
export interface ShownChoice {
  key: string;
  choice: Choice;
  text: string;
}

/** How a move reads in a list of choices: a reply's words; a breath or a silence by its action, as the game names it. */
export function choiceText(book: ScenarioBook, t: TFunction, scenario: string, node: string, choice: Choice): string {
  return choice.kind === 'reply' ? book.reply(scenario, node, choice.reply) : t(`${choice.kind}.action`, { ns: COMMON_NAMESPACE });
}

/** The moves on offer now, in the seeded order every screen shows (`legalChoices`), so "reply 2" is the same reply on the projector and on every phone. */
export function shownChoices(book: ScenarioBook, t: TFunction, scenario: Scenario, conversation: ConversationState): ShownChoice[] {
  return legalChoices(scenario, conversation).map((choice) => ({ key: choiceKey(choice), choice, text: choiceText(book, t, scenario.id, conversation.node, choice) }));
}

/** Votes for a move (phone votes and hands counted), 0 when nobody chose it. */
export const votesFor = (tallies: readonly Tally[], key: string): number => tallies.find((tally) => choiceKey(tally.choice) === key)?.count ?? 0;
