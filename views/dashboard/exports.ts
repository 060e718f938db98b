import { html, nothing } from 'lit';
import type { AttemptExportRow, DecisionExportRow, ExportResponse } from '../../src/index.ts';
import { download, toCsv, today } from '../parts/csv.ts';
import type { Words } from './text.ts';

/** The export's columns, in the order the API documents them. */
export const ATTEMPT_COLUMNS: (keyof AttemptExportRow)[] = ['attemptId', 'traineeId', 'trainee', 'cohort', 'scenario', 'scenarioVersion', 'language', 'startedAt', 'outcome', 'overall', 'calm', 'notPersonal', 'empathy', 'concreteFix', 'decisions'];
export const DECISION_COLUMNS: (keyof DecisionExportRow)[] = ['attemptId', 'trainee', 'scenario', 'index', 'node', 'choice', 'quality', 'weak', 'moodBefore', 'moodAfter', 'principles'];

export type ExportKind = 'attemptsCsv' | 'decisionsCsv' | 'json';

export function saveExport(kind: ExportKind, rows: ExportResponse): void {
  if (kind === 'attemptsCsv') download(`attempts-${today()}.csv`, toCsv(rows.attempts, ATTEMPT_COLUMNS), 'text/csv;charset=utf-8');
  else if (kind === 'decisionsCsv') download(`decisions-${today()}.csv`, toCsv(rows.decisions, DECISION_COLUMNS), 'text/csv;charset=utf-8');
  else download(`results-${today()}.json`, `${JSON.stringify(rows, null, 2)}\n`, 'application/json');
}

/** The export buttons (rows fetched when pressed) and Print; `extra` adds the records file on the trainee's own page. */
/** `rows` resolves undefined when they could not be had (the caller has said why). */
export function exportBar(words: Words, rows: () => Promise<ExportResponse | undefined>, extra: unknown = nothing) {
  const { say } = words;
  const save = (kind: ExportKind) => () => void rows().then((data) => data && saveExport(kind, data));
  return html`<section class="exports" aria-labelledby="export-heading">
    <h2 id="export-heading">${say('export.heading')}</h2>
    <div class="export-buttons">
      <button type="button" data-export="attemptsCsv" @click=${save('attemptsCsv')}>${say('export.attemptsCsv')}</button>
      <button type="button" data-export="decisionsCsv" @click=${save('decisionsCsv')}>${say('export.decisionsCsv')}</button>
      <button type="button" data-export="json" @click=${save('json')}>${say('export.json')}</button>
      <button type="button" data-testid="print" @click=${() => window.print()}>${say('export.print')}</button>
      ${extra}
    </div>
  </section>`;
}
