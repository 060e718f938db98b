import { html, nothing, svg } from 'lit';
import { OUTCOMES, SKILLS, type ChoiceCount, type Scenario, type ScenarioReport } from '../../src/index.ts';
import { layoutScenario, NODE_HEIGHT, NODE_WIDTH, type GraphLayout } from './graph.ts';
import type { ScenarioBook } from '../parts/scenarioBook.ts';
import type { Words } from './text.ts';

/**
 * The scenario view: the conversation map with every reply shaded, thickened and labelled by how
 * many trainees chose it, the moments where most go wrong, how conversations ended, the mean
 * skills, and every count again as a table.
 */

/** Shade of an arrow: nobody, a few (under a third of the scenario's trainees), some (under two thirds), most. */
const HEAT = [
  { stroke: '#6B635B', width: 1.5, dash: '5 4' },
  { stroke: '#C0600F', width: 2.5, dash: '' },
  { stroke: '#A3410C', width: 4.5, dash: '' },
  { stroke: '#6E2207', width: 7, dash: '' },
] as const;

export const heatLevel = (trainees: number, total: number) => (trainees === 0 || total === 0 ? 0 : trainees * 3 < total ? 1 : trainees * 3 < total * 2 ? 2 : 3);

const short = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const countOf = (choices: readonly ChoiceCount[], node: string, choice: string) => choices.find((each) => each.node === node && each.choice === choice);

function graphFigure(words: Words, book: ScenarioBook, scenario: Scenario, report: ScenarioReport, laid: GraphLayout) {
  const { say, t } = words;
  const title = book.title(scenario.id, words.language);
  const centre = (id: string) => laid.nodes.find((node) => node.id === id);
  return html`<figure class="graph panel" data-testid="scenario-graph">
    <ul class="legend heat-legend" aria-label=${say('scenario.heatLegend')}>
      ${HEAT.map(
        (heat, level) => html`<li>
          <svg width="36" height="12" viewBox="0 0 36 12" aria-hidden="true">${svg`<line x1="1" y1="6" x2="35" y2="6" stroke=${heat.stroke} stroke-width=${heat.width} stroke-dasharray=${heat.dash || nothing} />`}</svg>
          <span>${say(`scenario.heat${level}`)}</span>
        </li>`,
      )}
    </ul>
    <div class="graph-scroll" tabindex="0" role="region" aria-label=${say('scenario.graphLabel', { title })}>
      <svg class="graph-svg" viewBox="0 0 ${laid.width} ${laid.height}" width=${laid.width} height=${laid.height} role="img" aria-label=${say('scenario.graphLabel', { title })}>
        ${svg`<defs>${HEAT.map((heat, level) => svg`<marker id="arrow-${level}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill=${heat.stroke} /></marker>`)}</defs>`}
        ${laid.edges.map((edge) => {
          const count = countOf(report.choices, edge.node, edge.reply);
          const trainees = count?.trainees ?? 0;
          const level = heatLevel(trainees, report.trainees);
          const heat = HEAT[level] ?? HEAT[0];
          const path = edge.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`).join(' ');
          return svg`<g class="edge" data-node=${edge.node} data-reply=${edge.reply} data-trainees=${trainees} data-heat=${level}>
            <title>${book.reply(scenario.id, edge.node, edge.reply)}: ${say('scenario.chose', { count: trainees })}</title>
            <path d=${path} fill="none" stroke=${heat.stroke} stroke-width=${heat.width} stroke-dasharray=${heat.dash || nothing} marker-end="url(#arrow-${level})" />
            <rect x=${edge.label.x - 14} y=${edge.label.y - 10} width="28" height="20" rx="10" fill="#FFFFFF" stroke=${heat.stroke} stroke-width="1.5" />
            <text x=${edge.label.x} y=${edge.label.y + 4.5} text-anchor="middle" class="edge-count">${trainees}</text>
          </g>`;
        })}
        ${laid.nodes.map((node) => {
          const box = centre(node.id);
          if (!box) return nothing;
          const x = box.x - NODE_WIDTH / 2;
          const y = box.y - NODE_HEIGHT / 2;
          const note = node.start ? say('scenario.start') : node.ending ? say('scenario.ending', { outcome: t(`outcomes.${node.ending}`) }) : node.id;
          return svg`<g class="node" data-node=${node.id}>
            <title>${book.line(scenario.id, node.id)}</title>
            <rect x=${x} y=${y} width=${NODE_WIDTH} height=${NODE_HEIGHT} rx="8" fill=${node.ending ? '#F3EEE7' : '#FFFFFF'} stroke="#1E2A32" stroke-width=${node.start ? 3 : 1.2} />
            <text x=${box.x} y=${y + 19} text-anchor="middle" class="node-line">${short(book.line(scenario.id, node.id), 30)}</text>
            <text x=${box.x} y=${y + 37} text-anchor="middle" class="node-note">${short(note, 32)}</text>
          </g>`;
        })}
      </svg>
    </div>
    <figcaption>${say('scenario.graphCaption')}</figcaption>
  </figure>`;
}

/** Moments by how many of their decisions were weak, worst first: where coaching pays most. */
function hardest(report: ScenarioReport) {
  const byNode = new Map<string, { node: string; count: number; weak: number; worst: ChoiceCount | undefined }>();
  for (const choice of report.choices) {
    const entry = byNode.get(choice.node) ?? { node: choice.node, count: 0, weak: 0, worst: undefined };
    entry.count += choice.count;
    entry.weak += choice.weak;
    if (choice.weak > (entry.worst?.weak ?? 0)) entry.worst = choice;
    byNode.set(choice.node, entry);
  }
  return [...byNode.values()].filter((entry) => entry.weak > 0).sort((a, b) => b.weak - a.weak || b.weak / b.count - a.weak / a.count || a.node.localeCompare(b.node)).slice(0, 5);
}

export function scenarioView(words: Words, book: ScenarioBook, id: string, scenario: Scenario | undefined, report: ScenarioReport) {
  const { say, t } = words;
  const finished = report.attempts - report.outcomes.unfinished;
  const worst = hardest(report);
  return html`
    <p class="meta" data-testid="scenario-facts">${say('scenario.facts', { count: report.trainees, attempts: report.attempts })}</p>
    <section aria-labelledby="graph-heading">
      <h2 id="graph-heading">${say('scenario.graph')}</h2>
      ${scenario ? graphFigure(words, book, scenario, report, layoutScenario(scenario)) : nothing}
    </section>
    <section aria-labelledby="hardest-heading">
      <h2 id="hardest-heading">${say('scenario.hardest')}</h2>
      ${worst.length === 0
        ? html`<p class="empty">${say('scenario.hardestNone')}</p>`
        : html`<ol class="hardest" data-testid="hardest">
            ${worst.map(
              (entry) => html`<li data-node=${entry.node}>
                <p class="customer-line">“${book.line(id, entry.node)}”</p>
                <p>${say('scenario.weakOf', { weak: entry.weak, count: entry.count, share: Math.round((100 * entry.weak) / entry.count) })}${entry.worst ? html` — <span class="label">${say('scenario.weakMove')}:</span> ${t('debrief.quoted', { text: book.move(id, entry.node, entry.worst.choice) })}` : nothing}</p>
              </li>`,
            )}
          </ol>`}
    </section>
    <div class="two-columns">
      <section aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">${say('scenario.outcomes')}</h2>
        <table data-testid="outcomes">
          <tbody>
            ${[...OUTCOMES, 'unfinished' as const].map(
              (outcome) => html`<tr data-outcome=${outcome}><th scope="row">${t(`outcomes.${outcome}`)}</th><td>${report.outcomes[outcome]}</td><td>${report.attempts === 0 ? 0 : Math.round((100 * report.outcomes[outcome]) / report.attempts)}%</td></tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="skills-heading">
        <h2 id="skills-heading">${say('scenario.skills')}</h2>
        ${report.skills && finished > 0
          ? html`<table data-testid="scenario-skills"><tbody>${SKILLS.map((skill) => html`<tr><th scope="row">${t(`skills.${skill}`)}</th><td data-skill=${skill}>${report.skills?.[skill]}</td></tr>`)}</tbody></table>`
          : html`<p class="empty">${say('scenario.noSkills')}</p>`}
      </section>
    </div>
    <section aria-labelledby="moves-heading">
      <h2 id="moves-heading">${say('scenario.table')}</h2>
      <div class="table-scroll">
        <table data-testid="moves">
          <thead><tr><th scope="col">${say('scenario.node')}</th><th scope="col">${say('scenario.move')}</th><th scope="col">${say('scenario.count')}</th><th scope="col">${say('scenario.trainees')}</th><th scope="col">${say('scenario.weak')}</th></tr></thead>
          <tbody>
            ${report.choices.map(
              (choice) => html`<tr data-node=${choice.node} data-choice=${choice.choice}>
                <td data-label=${say('scenario.node')}>${short(book.line(id, choice.node), 80)}</td>
                <th scope="row" data-label=${say('scenario.move')}>${book.move(id, choice.node, choice.choice)}</th>
                <td data-label=${say('scenario.count')} data-testid="move-count">${choice.count}</td>
                <td data-label=${say('scenario.trainees')} data-testid="move-trainees">${choice.trainees}</td>
                <td data-label=${say('scenario.weak')}>${choice.weak}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
  `;
}
