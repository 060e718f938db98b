import { html, nothing } from 'lit';
import { choiceKey, currentConversation, currentScenario, expertMove, reviewDecision, SKILLS, type Choice, type ConversationState, type LiveState, type Scenario } from '../../../src/index.ts';
import { choiceText, shownChoices } from '../parts/choices.ts';
import '../parts/customer.ts';
import { eventButton, verdictOf, type Desk } from './desk.ts';

const same = (a: Choice, b: Choice) => choiceKey(a) === choiceKey(b);
const percent = (quality: number) => `${Math.round(quality * 100)}%`;
const signed = (value: number) => (value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0');

/** The decision the room just took and has not moved on from, if it is in the current scenario's latest round. */
export function decisionOnScreen(state: LiveState) {
  const last = state.decisions.at(-1);
  return state.phase === 'revealed' && last && last.scenarioIndex === state.scenarioIndex && last.index === state.round - 1 ? last : null;
}

/** What a move is worth where it was made, and what the room hears about it once revealed: quality, skill effects, feedback. */
function review(desk: Desk, scenario: Scenario, before: ConversationState, choice: Choice) {
  const { t } = desk.text;
  const judged = reviewDecision(scenario, before, choice, before.decisions.length);
  if (!judged) return nothing;
  return html`<div class="review-line">
      <p class="quality" data-quality=${judged.quality}>${t('controller.quality', { value: percent(judged.quality) })}</p>
      <ul class="effects" aria-label=${t('controller.effects')}>
        ${SKILLS.map((skill) => html`<li data-skill=${skill}>${t(`skills.${skill}`, { ns: 'common' })} ${signed(judged.skills[skill])}</li>`)}
      </ul>
    </div>
    <p class="feedback">${t(judged.feedback.key, { ns: judged.feedback.ns })}</p>`;
}

/** Where the room is (scenario, decision, hot seat), then the customer as the room sees them. */
function conversationHeader(desk: Desk, scenario: Scenario, conversation: ConversationState) {
  const { t } = desk.text;
  const { state, book } = desk;
  const hotSeat = state.participants.find((p) => p.id === state.hotSeat)?.name ?? state.roster.find((r) => r.id === state.hotSeat)?.name;
  return html`<header class="round-head">
      <h2>${t('controller.scenarioOf', { index: state.scenarioIndex + 1, count: state.scenarios.length, title: book.title(scenario.id, desk.text.language) })}</h2>
      <p class="meta">
        <span data-testid="round">${t('controller.decision', { number: (decisionOnScreen(state)?.index ?? state.round) + 1 })}</span> ·
        <span data-testid="hot-seat">${hotSeat ? t('controller.hotSeat', { name: hotSeat }) : t('controller.noHotSeat')}</span>
      </p>
    </header>
    <live-customer .text=${desk.text} .book=${book} .scenario=${scenario} .conversation=${conversation}></live-customer>`;
}

/** Who voted for a move, by name (only the trainer sees this), and the hands counted. */
function votesFor(desk: Desk, choice: Choice) {
  const { t } = desk.text;
  const vote = desk.state.vote;
  if (!vote) return nothing;
  const count = vote.tallies.find((tally) => same(tally.choice, choice))?.count ?? 0;
  const names = Object.entries(vote.votes)
    .filter(([, voted]) => same(voted, choice))
    .map(([id]) => {
      const name = desk.state.participants.find((p) => p.id === id)?.name ?? id;
      return id === desk.state.hotSeat ? t('controller.hotSeatVote', { name }) : name;
    });
  return html`<p class="votes" data-votes=${count}>${t('controller.votes', { count })}${names.length ? html`: ${names.join(', ')}` : nothing}</p>`;
}

/** Every move the room can make now, with its hidden review, its votes, and the trainer's own pick. */
function choices(desk: Desk, scenario: Scenario, conversation: ConversationState) {
  const { t } = desk.text;
  const shown = shownChoices(desk.book, t, scenario, conversation);
  const legal = shown.map((each) => each.choice);
  const best = expertMove(scenario, conversation);
  // Typing hands is possible whenever counting some would be (a room without phones).
  const canCount = desk.local && legal[0] !== undefined && verdictOf(desk, { type: 'handsCounted', counts: [{ choice: legal[0], count: 1 }] }).ok;
  const hands = (choice: Choice) => desk.state.vote?.hands.find((tally) => same(tally.choice, choice))?.count ?? 0;
  const countHands = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const counts = legal.map((choice, index) => ({ choice, count: Number((form.elements.namedItem(`hands-${index}`) as HTMLInputElement).value) || 0 }));
    desk.send({ type: 'handsCounted', counts: counts.filter((tally) => tally.count > 0) });
  };
  return html`<form class="choices" @submit=${countHands} aria-labelledby="choices-heading">
    <h3 id="choices-heading">${t('controller.replies')}</h3>
    <ol>
      ${shown.map(
        ({ key, choice, text }, index) => html`<li class="choice ${best && same(choice, best) ? 'best' : ''}" data-choice=${key}>
          <p class="said">${text}${best && same(choice, best) ? html` <strong class="badge">${t('controller.best')}</strong>` : nothing}</p>
          ${review(desk, scenario, conversation, choice)} ${votesFor(desk, choice)}
          <div class="choice-actions">
            ${desk.local
              ? html`<label for="hands-${index}">${t('controller.hands')}</label>
                  <input id="hands-${index}" name="hands-${index}" type="number" min="0" max="10000" inputmode="numeric" .value=${String(hands(choice))} ?disabled=${!canCount} />`
              : nothing}
            ${eventButton(desk, { type: 'decided', source: 'trainer', choice }, t('controller.pick'), { id: 'pick' })}
          </div>
        </li>`,
      )}
    </ol>
    ${desk.local ? html`<button type="submit" data-event="handsCounted" ?disabled=${!canCount}>${t('controller.countHands')}</button>` : nothing}
  </form>`;
}

/** The move the room took this round, how it was taken, and whether the room has seen its feedback. */
function decided(desk: Desk, scenario: Scenario) {
  const { t } = desk.text;
  const decision = decisionOnScreen(desk.state);
  if (!decision) return nothing;
  return html`<section class="decided" aria-labelledby="decided-heading">
    <h3 id="decided-heading">${t(`controller.decidedBy.${decision.source}`)}</h3>
    <p class="said">${choiceText(desk.book, t, scenario.id, decision.before.node, decision.choice)}</p>
    ${review(desk, scenario, decision.before, decision.choice)}
    <p class="meta" data-testid="feedback-shown">${t(desk.state.feedbackShown ? 'controller.feedbackShown' : 'controller.feedbackHidden')}</p>
  </section>`;
}

/** The current decision as the trainer sees it (everything the room cannot), with `aside` under the customer: the replies beside them on a wide screen. */
export function roundView(desk: Desk, aside: unknown = nothing) {
  const scenario = currentScenario(desk.state, desk.library);
  const conversation = currentConversation(desk.state);
  const open = !decisionOnScreen(desk.state) && !conversation.outcome;
  return html`<section class="round panel ${open ? 'with-choices' : ''}" aria-label=${desk.text.t('controller.round')}>
    <div class="round-context">${conversationHeader(desk, scenario, conversation)} ${decided(desk, scenario)} ${aside}</div>
    ${open ? choices(desk, scenario, conversation) : nothing}
  </section>`;
}
