import { html, nothing } from 'lit';
import { SKILLS, summariseTrainee, type AttemptDetail, type LiveScore, type LiveSessionRow, type TraineeResponse, type TraineeSummary } from '../../src/index.ts';
import '../parts/attempt-list.ts';
import { formatDateTime } from '../parts/format.ts';
import type { AttemptRow, SkillPoint } from '../parts/progressData.ts';
import '../parts/skill-chart.ts';
import { notesSection, type NotesOptions } from './notes.ts';
import type { ScenarioBook } from '../parts/scenarioBook.ts';
import type { Words } from './text.ts';
import { trendLabel } from './trend.ts';

/**
 * One trainee's report, the same whether the numbers come from the team server or the device:
 * the summary (the core's summariseTrainee over the attempts shown), skills over time with their
 * table, the principles missed most, coaching notes, and every attempt decision by decision.
 */

export function summaryList(words: Words, summary: TraineeSummary, attempts: number) {
  const { say, t } = words;
  const none = say('summary.none');
  return html`<dl class="summary" data-testid="summary">
    <div><dt>${say('summary.overall')}</dt><dd data-testid="summary-overall">${summary.overall ?? none}</dd></div>
    ${SKILLS.map((skill) => html`<div><dt>${t(`skills.${skill}`)}</dt><dd data-skill=${skill}>${summary.skills?.[skill] ?? none}</dd></div>`)}
    <div><dt>${say('summary.weakest')}</dt><dd>${summary.weakest ? t(`skills.${summary.weakest}`) : none}</dd></div>
    <div><dt>${say('summary.trend')}</dt><dd>${trendLabel(words, summary.trend)}</dd></div>
    <div><dt>${say('summary.attempts')}</dt><dd>${attempts}</dd></div>
    <div><dt>${say('summary.lastActivity')}</dt><dd>${summary.lastActivity === null ? none : formatDateTime(summary.lastActivity, words.language)}</dd></div>
  </dl>`;
}

export const skillPointsOf = (book: ScenarioBook, words: Words, attempts: readonly AttemptDetail[]): SkillPoint[] =>
  attempts.filter((attempt) => attempt.outcome !== null).map((attempt) => ({ attemptId: attempt.attemptId, at: attempt.startedAt, title: book.title(attempt.scenario, words.language), overall: attempt.overall, skills: attempt.skills }));

const rowOf = (book: ScenarioBook, words: Words, attempt: AttemptDetail): AttemptRow => ({
  id: attempt.attemptId,
  scenario: attempt.scenario,
  title: book.title(attempt.scenario, words.language),
  startedAt: attempt.startedAt,
  language: attempt.language,
  outcome: attempt.outcome,
  scores: { overall: attempt.overall, skills: attempt.skills },
  unscored: null,
  replayedPrefix: 0,
});

function principles(words: Words, list: TraineeResponse['principles']) {
  const { say, t } = words;
  if (list.length === 0) return html`<p class="empty">${say('trainee.principlesNone')}</p>`;
  return html`<ol class="principles" data-testid="principles">
    ${list.map(({ principle, missed }) => html`<li data-principle=${principle}><span class="label">${principle}</span> — ${t(`principles.${principle}`, { defaultValue: principle })} <span class="meta">(${say('trainee.missed', { count: missed })})</span></li>`)}
  </ol>`;
}

/** Each attempt, newest first, as a disclosure holding its decisions: said, its effect on the customer, the principle, the better reply. */
export function decisionLog(words: Words, book: ScenarioBook, attempts: readonly AttemptDetail[], scenarioLink?: (id: string) => string) {
  const { say, t } = words;
  return html`<ul class="decision-log" data-testid="decision-log">
    ${[...attempts].reverse().map((attempt) => {
      const title = book.title(attempt.scenario, words.language);
      return html`<li data-attempt=${attempt.attemptId}>
        <details>
          <summary>${say('trainee.logAttempt', { title, date: formatDateTime(attempt.startedAt, words.language), outcome: t(`outcomes.${attempt.outcome ?? 'unfinished'}`) })} · ${t('debrief.overall')} ${attempt.overall}</summary>
          ${scenarioLink ? html`<p><a href=${scenarioLink(attempt.scenario)} data-link>${say('scenario.open')}<span class="visually-hidden">: ${title}</span></a></p>` : nothing}
          ${attempt.decisions.length === 0
            ? html`<p class="empty">${say('trainee.noDecisions')}</p>`
            : html`<div class="table-scroll"><table class="decisions">
                <caption>${say('trainee.logCaption')}</caption>
                <thead><tr><th scope="col">${say('trainee.number')}</th><th scope="col">${say('trainee.said')}</th><th scope="col">${say('trainee.effect')}</th><th scope="col">${say('trainee.principle')}</th><th scope="col">${say('trainee.better')}</th></tr></thead>
                <tbody>
                  ${attempt.decisions.map(
                    (decision) => html`<tr data-index=${decision.index} data-weak=${String(decision.weak)}>
                      <th scope="row" data-label=${say('trainee.number')}>${decision.index + 1} <span class="quality">(${say(decision.weak ? 'trainee.weak' : 'trainee.fine')})</span></th>
                      <td data-label=${say('trainee.said')} data-testid="said">${t('debrief.quoted', { text: book.said(attempt.scenario, decision.node, decision.choice) })}</td>
                      <td data-label=${say('trainee.effect')}>${say('trainee.mood', { from: decision.moodBefore, to: decision.moodAfter })}</td>
                      <td data-label=${say('trainee.principle')}>${decision.teaches.map((id) => `${id} — ${t(`principles.${id}`, { defaultValue: id })}`).join('; ')}</td>
                      <td data-label=${say('trainee.better')} data-testid="better">${decision.better === null ? '—' : decision.better.reply === null ? t('debrief.noPause') : t('debrief.quoted', { text: book.reply(attempt.scenario, decision.node, decision.better.reply) })}</td>
                    </tr>`,
                  )}
                </tbody>
              </table></div>`}
        </details>
      </li>`;
    })}
  </ul>`;
}

/** A live session's score in one cell: overall, then each skill by name. */
function liveScore(words: Words, score: LiveScore) {
  if (score.overall === null || score.skills === null) return words.say('summary.none');
  const skills = score.skills;
  return `${score.overall} (${SKILLS.map((skill) => `${words.t(`skills.${skill}`)} ${skills[skill]}`).join(', ')})`;
}

/** The live sessions they took part in from a signed-in phone: their votes judged, and their own moves in the hot seat. */
function liveSessions(words: Words, book: ScenarioBook, rows: readonly LiveSessionRow[]) {
  const { say } = words;
  const head = ['date', 'scenarios', 'votes', 'asVoter', 'hotSeat'].map((key) => say(`live.${key}`));
  return html`<div class="table-scroll"><table class="live-sessions" data-testid="live-sessions">
    <caption>${say('live.caption')}</caption>
    <thead><tr>${head.map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
    <tbody>
      ${rows.map(
        (row) => html`<tr data-room=${row.roomId}>
          <th scope="row" data-label=${head[0]}>${formatDateTime(row.endedAt, words.language)}</th>
          <td data-label=${head[1]}>${row.scenarios.map((id) => book.title(id, words.language)).join(', ')}</td>
          <td data-label=${head[2]}>${row.votes}</td>
          <td data-label=${head[3]}>${liveScore(words, row)}</td>
          <td data-label=${head[4]}>${row.hotSeat ? `${liveScore(words, row.hotSeat)}; ${say('live.followed', { count: row.hotSeat.decisions, followed: row.hotSeat.followed })}` : say('live.notInSeat')}</td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

/** The printed report is one page: the latest attempts only (as dashboard.css prints them), the rest stay on screen. */
const PRINTED_ATTEMPTS = 5;

export interface TraineeViewOptions {
  /** Coaching notes: written and deleted by staff, read by the trainee; absent where there is no server. */
  notes?: NotesOptions;
  scenarioLink?: (id: string) => string;
  /** The attempt table (the trainee's own page has it; the staff's has the log with the same numbers). */
  attemptTable?: boolean;
}

export function traineeView(words: Words, book: ScenarioBook, data: TraineeResponse, options: TraineeViewOptions = {}) {
  const { say } = words;
  const summary = summariseTrainee(data.trainee.id, data.attempts);
  return html`
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">${say('summary.heading')}</h2>
      ${summaryList(words, summary, data.attempts.length)}
    </section>
    <section aria-labelledby="chart-heading" class="chart-section">
      <h2 id="chart-heading">${say('chart.heading')}</h2>
      <htl-skill-chart .points=${skillPointsOf(book, words, data.attempts)} .t=${words.t} .language=${words.language}></htl-skill-chart>
    </section>
    <section aria-labelledby="principles-heading">
      <h2 id="principles-heading">${say('trainee.principles')}</h2>
      ${principles(words, data.principles)}
    </section>
    ${data.live?.length
      ? html`<section aria-labelledby="live-heading">
          <h2 id="live-heading">${say('live.heading')}</h2>
          ${liveSessions(words, book, data.live)}
        </section>`
      : nothing}
    ${options.notes ? notesSection(words, options.notes) : nothing}
    ${options.attemptTable
      ? html`<section aria-labelledby="attempts-heading">
          <h2 id="attempts-heading">${say('attempts.heading')}</h2>
          ${data.attempts.length > PRINTED_ATTEMPTS ? html`<p class="print-only">${say('attempts.printed', { count: PRINTED_ATTEMPTS, total: data.attempts.length })}</p>` : nothing}
          <htl-attempt-list .rows=${data.attempts.map((attempt) => rowOf(book, words, attempt))} .t=${words.t} .language=${words.language}></htl-attempt-list>
        </section>`
      : nothing}
    <section aria-labelledby="log-heading" class="log-section">
      <h2 id="log-heading">${say('trainee.log')}</h2>
      ${decisionLog(words, book, data.attempts, options.scenarioLink)}
    </section>
  `;
}
