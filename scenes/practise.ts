import './practise.css';
import { checkAttemptReplay, cleanTraineeName } from '../src/index.ts';
import type { App } from './app.ts';
import type { ConversationData } from './conversation/Session.ts';
import { el } from './ui/dom.ts';

type Refusal = 'missing' | 'unreadable' | 'changed' | 'noDecision' | 'unavailable';

/**
 * "Practise from here" links from the progress page: `?scenario=<id>&practise=<attempt id>&at=<index>`.
 * The attempt is read from this device's records and checked against the scenario as it is now;
 * the game then starts a new attempt with the decisions before `at` replayed (as "try again from
 * here" does), so the trainee faces that decision again. A link that does not fit gets a message
 * over the menu. Loaded only for such links.
 */
export async function practiseLaunch(app: App, params: URLSearchParams): Promise<ConversationData | undefined> {
  const scenarioId = params.get('scenario') ?? '';
  const attemptId = params.get('practise') ?? '';
  const at = params.get('at') ?? '';
  const refuse = (problem: Refusal, number?: number) => {
    showNotice(app, app.t(`practise.${problem}`, { number }));
    return undefined;
  };
  if (!/^\d{1,4}$/.test(at) || attemptId === '' || attemptId.length > 64) return refuse('missing');
  const index = Number(at);

  const { readStoredAttempt } = await import('../client/records/history.ts');
  const read = await (async () => readStoredAttempt(window.indexedDB, attemptId))().catch(() => ({ ok: false, problem: 'unavailable' }) as const);
  if (!read.ok) return refuse(read.problem === 'newer' || read.problem === 'unreadable' ? 'unreadable' : read.problem === 'missing' ? 'missing' : 'unavailable');
  const { record, attempt } = read.stored;
  if (record.scenario !== scenarioId) return refuse('missing');
  const { scenario } = await app.loadScenario(scenarioId);
  const replay = checkAttemptReplay(scenario, attempt);
  if (!replay.ok) return refuse(replay.problem === 'scenarioChanged' ? 'changed' : 'unreadable');
  if (index >= replay.choices.length) return refuse('noDecision', index + 1);

  // The practice counts for the trainee whose moment it is, as the menu's name picks the profile.
  const trainee = cleanTraineeName(record.trainee);
  if (app.preferences.current.traineeName !== trainee) app.preferences.update((current) => ({ ...current, traineeName: trainee }));
  return { scenarioId, seed: record.seed, prefix: replay.choices.slice(0, index) };
}

/** A message over the foot of the menu, read out at once, until dismissed. */
function showNotice(app: App, message: string): void {
  const close = () => notice.remove();
  const notice = el('div', { class: 'practise-notice notice panel', testid: 'practise-notice', attrs: { role: 'alert' } }, [
    el('p', { text: message }),
    el('button', { text: app.t('practise.dismiss'), on: { click: close } }),
  ]);
  document.body.append(notice);
}
