import type { TFunction } from 'i18next';
import { html, LitElement, nothing, svg, type PropertyValues } from 'lit';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { SKILLS, type Skill } from '../../src/index.ts';
import { formatDateTime } from './format.ts';
import type { SkillPoint } from './progressData.ts';

/**
 * Each skill's line differs in colour, dash and marker size, and the legend names it beside a
 * sample of its line, so colour is never the only signal; the table under the chart has every
 * number. Colours are dark enough for 3:1 against the page (WCAG non-text contrast).
 */
const LINE_STYLE: Record<Skill, { color: string; dash: number[]; point: number }> = {
  calm: { color: '#0B5C99', dash: [], point: 7 },
  notPersonal: { color: '#B34700', dash: [10, 5], point: 9 },
  empathy: { color: '#00704F', dash: [2, 4], point: 7 },
  concreteFix: { color: '#8E3E75', dash: [12, 4, 2, 4], point: 9 },
};
const CHART_HEIGHT = 260;
/** On paper the chart is shorter, so a one-page report has room for the rest. */
const PRINT_HEIGHT = 150;

/**
 * Skills over time: one line per skill over the trainee's finished attempts, oldest first, and the
 * same numbers as a table. Light DOM, so the page's styles (screen and print) apply; texts come
 * from `t` (common's skill names, the `dashboard` namespace's chart words).
 */
export class SkillChart extends LitElement {
  static override properties = { points: { attribute: false }, t: { attribute: false }, language: {} };
  declare points: SkillPoint[];
  declare t: TFunction;
  declare language: string;
  private plot: uPlot | undefined;
  private readonly printing = window.matchMedia('print');
  private readonly fit = () => this.plot?.setSize({ width: this.plotWidth(), height: this.height() });
  private readonly resize = new ResizeObserver(this.fit);

  private height(): number {
    return this.printing.matches ? PRINT_HEIGHT : CHART_HEIGHT;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.printing.addEventListener('change', this.fit);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.printing.removeEventListener('change', this.fit);
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private plotWidth(): number {
    return Math.max(240, this.querySelector('.skill-plot')?.clientWidth ?? 600);
  }

  protected override render() {
    const { t } = this;
    if (this.points.length === 0) return html`<p class="empty">${t('chart.none', { ns: 'dashboard' })}</p>`;
    return html`
      <figure class="skill-chart">
        <ul class="legend">
          ${SKILLS.map((skill) => html`<li>${lineSample(skill)}<span>${t(`skills.${skill}`)}</span></li>`)}
        </ul>
        <div class="skill-plot" role="img" aria-label=${t('chart.summary', { ns: 'dashboard', count: this.points.length })}></div>
        <figcaption>${t('chart.caption', { ns: 'dashboard' })}</figcaption>
      </figure>
      <div class="table-scroll">
        <table class="skill-table" data-testid="skill-table">
          <caption>${t('chart.tableCaption', { ns: 'dashboard' })}</caption>
          <thead>
            <tr>
              <th scope="col">${t('chart.attempt', { ns: 'dashboard' })}</th>
              <th scope="col">${t('attempts.date', { ns: 'dashboard' })}</th>
              <th scope="col">${t('attempts.scenario', { ns: 'dashboard' })}</th>
              <th scope="col">${t('debrief.overall')}</th>
              ${SKILLS.map((skill) => html`<th scope="col">${t(`skills.${skill}`)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${this.points.map(
              (point, index) => html`
                <tr data-attempt=${point.attemptId}>
                  <th scope="row" data-label=${t('chart.attempt', { ns: 'dashboard' })}>${index + 1}</th>
                  <td data-label=${t('attempts.date', { ns: 'dashboard' })}>${formatDateTime(point.at, this.language)}</td>
                  <td data-label=${t('attempts.scenario', { ns: 'dashboard' })}>${point.title}</td>
                  <td data-label=${t('debrief.overall')} data-testid="chart-overall">${point.overall}</td>
                  ${SKILLS.map((skill) => html`<td data-label=${t(`skills.${skill}`)} data-skill=${skill}>${point.skills[skill]}</td>`)}
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('points') && !changed.has('t')) return;
    this.plot?.destroy();
    this.plot = undefined;
    const target = this.querySelector<HTMLElement>('.skill-plot');
    if (!target) return;
    const xs = this.points.map((_, index) => index + 1);
    const data: uPlot.AlignedData = [xs, ...SKILLS.map((skill) => this.points.map((point) => point.skills[skill]))];
    const axis = { stroke: '#1E2A32', font: '14px Nunito, sans-serif', grid: { stroke: '#E4DACD' }, ticks: { stroke: '#D6CCBF' } };
    this.plot = new uPlot(
      {
        width: this.plotWidth(),
        height: this.height(),
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: (_, min, max) => [min - 0.5, max + 0.5] }, y: { range: [0, 100] } },
        axes: [
          { ...axis, label: this.t('chart.attempt', { ns: 'dashboard' }), labelFont: 'bold 14px Nunito, sans-serif', incrs: [1, 2, 5, 10, 20, 50], values: (_, ticks) => ticks.map((tick) => (Number.isInteger(tick) && tick >= 1 && tick <= xs.length ? String(tick) : '')) },
          { ...axis, size: 44 },
        ],
        series: [{}, ...SKILLS.map((skill) => ({ label: this.t(`skills.${skill}`), stroke: LINE_STYLE[skill].color, width: 2.5, dash: LINE_STYLE[skill].dash, points: { show: true, size: LINE_STYLE[skill].point, fill: LINE_STYLE[skill].color } }))],
      },
      data,
      target,
    );
    this.resize.observe(target);
  }
}

/** A short stretch of a skill's line, as drawn on the chart, for the legend. */
function lineSample(skill: Skill) {
  const { color, dash } = LINE_STYLE[skill];
  return html`<svg class="line-sample" width="36" height="12" viewBox="0 0 36 12" aria-hidden="true">
    ${svg`<line x1="1" y1="6" x2="35" y2="6" stroke=${color} stroke-width="3" stroke-dasharray=${dash.length > 0 ? dash.join(' ') : nothing} /><circle cx="18" cy="6" r="3.5" fill=${color} />`}
  </svg>`;
}

customElements.define('htl-skill-chart', SkillChart);

declare global {
  interface HTMLElementTagNameMap {
    'htl-skill-chart': SkillChart;
  }
}
