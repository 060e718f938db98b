import { html, nothing } from 'lit';
import type { Choice, ProjectorView, PublicDecisionSummary } from '../../../src/index.ts';
import { choiceText } from '../parts/choices.ts';
import { verdictOf } from '../parts/verdict.ts';
import type { ScenarioSource } from '../parts/scenarios.ts';
import type { LiveText } from '../text.ts';

/** Decisions on one page of the summary: big enough to read from the back of the room. */
const PER_PAGE = 3;

type Page = { kind: 'hardest'; decisions: PublicDecisionSummary[] } | { kind: 'all'; decisions: PublicDecisionSummary[]; from: number };

/** The summary's pages: first the decisions the room found hardest, then every decision in the order played. */
export function summaryPages(view: ProjectorView): Page[] {
  const summary = view.summary;
  if (!summary) return [{ kind: 'hardest', decisions: [] }];
  const pages: Page[] = [{ kind: 'hardest', decisions: summary.hardest.slice(0, PER_PAGE) }];
  for (let from = 0; from < summary.decisions.length; from += PER_PAGE) pages.push({ kind: 'all', decisions: summary.decisions.slice(from, from + PER_PAGE), from });
  return pages;
}

/** One page of the summary; the clicker turns them. */
export function summarySlide(text: LiveText, scenarios: ScenarioSource, view: ProjectorView, index: number) {
  const { t } = text;
  const pages = summaryPages(view);
  const page = pages[Math.min(index, pages.length - 1)] as Page;
  const decisions = view.summary?.decisions ?? [];
  const best = decisions.filter((decision) => decision.roomChoseBest).length;
  return html`<section class="summary-slide" aria-labelledby="summary-title" data-page=${index} data-pages=${pages.length}>
    <h2 id="summary-title">${page.kind === 'hardest' ? t('projector.summary.hardest') : t('projector.summary.all')}</h2>
    ${page.kind === 'hardest' ? html`<p class="summary-lead">${t('projector.summary.lead', { count: decisions.length, best })}</p>` : nothing}
    ${page.decisions.length === 0
      ? html`<p class="summary-lead">${t(decisions.length === 0 ? 'projector.summary.none' : 'projector.summary.noneHard')}</p>`
      : html`<ol class="summary-decisions fit">
          ${page.decisions.map((decision) => summaryDecision(text, scenarios, decision))}
        </ol>`}
    ${pages.length > 1 ? html`<p class="summary-page">${t('projector.summary.page', { page: index + 1, count: pages.length })}</p>` : nothing}
  </section>`;
}

function summaryDecision({ t, language }: LiveText, scenarios: ScenarioSource, decision: PublicDecisionSummary) {
  // Loading the scenario brings its text; until then the page shows its title and moves by id.
  scenarios.get({ id: decision.scenario });
  const { book } = scenarios;
  const move = (choice: Choice) => choiceText(book, t, decision.scenario, decision.node, choice);
  const judged = (label: string, choice: Choice, quality: number) => {
    const verdict = verdictOf(quality);
    return html`<p class="summary-move" data-verdict=${verdict}><span class="label">${label}</span> ${move(choice)} <span class="verdict-word">${t(`shared.feedback.verdict.${verdict}`)}</span></p>`;
  };
  const agreement = decision.agreement === null ? t('projector.summary.noVotes') : t('projector.summary.agreement', { percent: Math.round(decision.agreement * 100), count: decision.voters });
  return html`<li class="summary-decision" data-decision=${decision.decision} ?data-hard=${decision.hard}>
    <h2>${t('projector.summary.decision', { number: decision.decision + 1, title: book.title(decision.scenario, language) })}</h2>
    <p class="summary-line">${t('shared.quoted', { text: book.line(decision.scenario, decision.node) })}</p>
    ${judged(t('projector.summary.room'), decision.room.choice, decision.room.quality)}
    <p class="summary-agreement">${agreement}</p>
    ${decision.hotSeat?.vote && decision.hotSeat.name ? judged(t('projector.summary.hotSeat', { name: decision.hotSeat.name }), decision.hotSeat.vote.choice, decision.hotSeat.vote.quality) : nothing}
    ${!decision.roomChoseBest && decision.best ? html`<p class="summary-move best"><span class="label">${t('projector.summary.best')}</span> ${move(decision.best)}</p>` : nothing}
  </li>`;
}
