import * as Phaser from 'phaser';
import { catalogOrder, explainDecision, lineIds, replayAttempt, SKILLS, withBestScore, type Attempt, type DecisionReview, type Scenario, type ScoreReport, type Skill } from '../src/index.ts';
import type { App } from './app.ts';
import { drawCalmBackdrop } from './ui/backdrops.ts';
import { el, focusQuietly } from './ui/dom.ts';
import { moodColor } from './theme.ts';

const cssColor = (color: number) => `#${color.toString(16).padStart(6, '0')}`;

function svgElement(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The outcome, the four skills, and every decision with why it helped or hurt and what would have been better. */
export class DebriefScene extends Phaser.Scene {
  private attempt!: Attempt;
  private root: HTMLElement | undefined;

  constructor(private readonly app: App) {
    super('debrief');
  }

  init(data: { attempt: Attempt }): void {
    this.attempt = data.attempt;
  }

  async create(): Promise<void> {
    const backdrop = this.add.graphics();
    const redraw = () => drawCalmBackdrop(backdrop, this.scale.width, this.scale.height);
    redraw();
    this.scale.on(Phaser.Scale.Events.RESIZE, redraw);
    let stopped = false;
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      stopped = true;
      this.scale.off(Phaser.Scale.Events.RESIZE, redraw);
      this.root?.remove();
    });

    const { scenario } = await this.app.loadScenario(this.attempt.scenario);
    // Left while the scenario loaded: nothing to mount.
    if (stopped) return;
    const scored = replayAttempt(scenario, this.attempt);
    this.root = scored.ok ? this.debrief(scenario, scored.report) : this.unreadable(scored.error);
    this.app.ui.append(this.root);
    focusQuietly(this.root.querySelector<HTMLElement>('h1'));
  }

  private debrief(scenario: Scenario, report: ScoreReport): HTMLElement {
    if (report.outcome !== null) this.app.preferences.update((current) => withBestScore(current, scenario.id, report.overall));
    return el('main', { class: 'screen debrief', testid: 'debrief' }, [
      el('div', { class: 'debrief-inner' }, [
        this.headline(scenario, report),
        this.skillList(report),
        this.moodLine(report),
        el('ol', { class: 'decisions' }, report.decisions.map((review) => this.decisionItem(scenario, review))),
        this.unreachedList(scenario, report),
        this.actions(scenario),
      ]),
    ]);
  }

  /** An attempt the scenario cannot replay (changed since, or a corrupt record) gets a message, not a blank screen. */
  private unreadable(reason: string): HTMLElement {
    const { t } = this.app;
    return el('main', { class: 'screen debrief', testid: 'debrief' }, [
      el('div', { class: 'debrief-inner panel', attrs: { role: 'alert' } }, [
        el('h1', { text: t('debrief.unreadable'), attrs: { tabindex: -1 } }),
        el('p', { text: reason }),
        el('button', { testid: 'menu', text: t('debrief.menu'), on: { click: () => this.scene.start('menu', {}) } }),
      ]),
    ]);
  }

  private headline(scenario: Scenario, report: ScoreReport): HTMLElement {
    const endNode = report.endNode;
    const { t } = this.app;
    const outcome = t(`outcomes.${report.outcome ?? 'unfinished'}`);
    const summary = report.outcome === null ? t('debrief.unfinished') : t(lineIds.endingSummary(endNode), { ns: scenario.id });
    return el('header', { class: 'debrief-head' }, [
      el('div', {}, [
        el('h1', { text: `${outcome} · ${t(lineIds.title, { ns: scenario.id })}`, attrs: { tabindex: -1 } }),
        el('p', { class: 'summary', text: summary }),
      ]),
      el('p', { class: 'overall' }, [el('span', { class: 'overall-label', text: t('debrief.overall') }), el('span', { testid: 'overall', text: String(report.overall) })]),
    ]);
  }

  private skillList(report: ScoreReport): HTMLElement {
    const { t } = this.app;
    const weakest = SKILLS.reduce<Skill>((low, skill) => (report.skills[skill] < report.skills[low] ? skill : low), 'calm');
    const anyWeak = SKILLS.some((skill) => report.skills[skill] < 100);
    return el(
      'ul',
      { class: 'skills' },
      SKILLS.map((skill) => {
        const isWeakest = anyWeak && skill === weakest;
        return el('li', { class: `skill panel${isWeakest ? ' weakest' : ''}` }, [
          el('span', { class: 'name' }, [t(`skills.${skill}`), el('span', { testid: `skill-score-${skill}`, text: String(report.skills[skill]) })]),
          el('div', { class: 'bar', attrs: { 'aria-hidden': 'true' } }, [barFill(report.skills[skill])]),
          isWeakest ? el('span', { class: 'weakest-label', text: t('debrief.weakest') }) : null,
        ]);
      }),
    );
  }

  /** The customer's mood before the first and after each decision: where it went wrong, at a glance. */
  private moodLine(report: ScoreReport): HTMLElement {
    const { t } = this.app;
    const moods = [report.decisions[0]?.moodBefore ?? 0, ...report.decisions.map((review) => review.moodAfter)];
    // Drawn at about the size it is shown (phone or projector), so dots stay round and nothing shrinks to a speck.
    const width = Math.max(240, Math.min(1100, window.innerWidth - 160));
    const height = 90;
    const x = (i: number) => 12 + (i * (width - 24)) / Math.max(1, moods.length - 1);
    const y = (mood: number) => 10 + (1 - mood / 100) * (height - 20);
    const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, class: 'sparkline', role: 'img', 'aria-label': `${t('debrief.moodLine')}: ${moods.join(', ')}` });
    svg.append(
      svgElement('polyline', { points: moods.map((mood, i) => `${x(i)},${y(mood)}`).join(' '), fill: 'none', stroke: '#B9AD9F', 'stroke-width': 3 }),
      ...moods.map((mood, i) => svgElement('circle', { cx: x(i), cy: y(mood), r: 7, fill: cssColor(moodColor(mood)) })),
    );
    const scale = el('div', { class: 'mood-scale', attrs: { 'aria-hidden': 'true' } }, [el('span', { text: t('mood.furious') }), el('span', { text: t('mood.calm') })]);
    return el('figure', { class: 'mood-line panel' }, [el('div', { class: 'mood-chart' }, [scale, svg]), el('figcaption', { text: t('debrief.moodLine') })]);
  }

  private decisionItem(scenario: Scenario, review: DecisionReview): HTMLElement {
    const { t } = this.app;
    const explained = explainDecision(scenario, review, t);
    const delta = review.moodAfter - review.moodBefore;
    const deltaText = delta === 0 ? '' : ` (${delta > 0 ? '↑ +' : '↓ '}${delta})`;
    const principles = explained.principles.map(({ id, title }) => `${id} — ${title}`).join('; ');
    const verdict = review.better !== null ? 'weak' : review.quality >= 0.99 ? 'strong' : '';
    return el('li', { class: `decision panel ${verdict}` }, [
      el('h2', {}, [
        el('span', { text: t('debrief.decision', { number: review.index + 1 }) }),
        el('span', { class: delta > 0 ? 'delta-up' : 'delta-down', text: `${t('debrief.moodChange', { from: review.moodBefore, to: review.moodAfter })}${deltaText}` }),
      ]),
      el('p', {}, [el('span', { class: 'label', text: `${t('debrief.youSaid')}: ` }), t('debrief.quoted', { text: explained.said })]),
      el('p', {}, [el('span', { class: 'label', text: `${t('debrief.why')}: ` }), explained.feedback]),
      el('p', { class: 'principles' }, [el('span', { class: 'label', text: `${t('debrief.principle')}: ` }), principles]),
      explained.better === null ? null : el('p', {}, [el('span', { class: 'label', text: `${t('debrief.better')}: ` }), t('debrief.quoted', { text: explained.better })]),
      el('button', {
        text: t('debrief.tryFromHere'),
        attrs: { 'data-try-from': review.index },
        on: { click: () => this.scene.start('conversation', { scenarioId: scenario.id, seed: this.attempt.seed, prefix: this.attempt.decisions.slice(0, review.index).map((d) => d.choice) }) },
      }),
    ]);
  }

  /** What an expert would still have handled after an unresolved ending: counted as possible, not earned (docs/scoring.md). */
  private unreachedList(scenario: Scenario, report: ScoreReport): HTMLElement | null {
    if (report.unreached.length === 0) return null;
    const { t } = this.app;
    return el('section', { class: 'unreached panel', testid: 'unreached' }, [
      el('h2', { text: t('debrief.unreached', { count: report.unreached.length }) }),
      el('ol', {}, report.unreached.map((review) => el('li', { text: t('debrief.quoted', { text: explainDecision(scenario, review, t).said }) }))),
    ]);
  }

  private actions(scenario: Scenario): HTMLElement {
    const { t, catalog } = this.app;
    const ordered = [...catalog].sort(catalogOrder);
    const next = ordered[(ordered.findIndex((entry) => entry.id === scenario.id) + 1) % ordered.length];
    return el('div', { class: 'debrief-actions' }, [
      el('button', { class: 'primary', testid: 'replay', text: t('debrief.replay'), on: { click: () => this.scene.start('conversation', { scenarioId: scenario.id }) } }),
      next && next.id !== scenario.id ? el('button', { text: t('debrief.next'), on: { click: () => this.scene.start('conversation', { scenarioId: next.id }) } }) : null,
      el('button', { testid: 'menu', text: t('debrief.menu'), on: { click: () => this.scene.start('menu', {}) } }),
    ]);
  }
}

/** A skill bar's fill, sized through the CSSOM: the team server's Content Security Policy refuses style attributes. */
function barFill(percent: number): HTMLElement {
  const fill = el('span');
  fill.style.width = `${percent}%`;
  return fill;
}
