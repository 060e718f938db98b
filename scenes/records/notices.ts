import type { TFunction } from 'i18next';
import { el } from '../ui/dom.ts';
import type { RecordsProblem, RecordStore } from '../../client/records/store.ts';

/** Problems the trainee has been told about in this tab (and that still hold): the menu lists them, a conversation only says what is new. */
const told = new Set<RecordsProblem>();

/** One message per current problem, in the language on screen; the menu shows them all, every time. */
export function recordsMessages(t: TFunction, store: RecordStore): string[] {
  return store.problems.map(({ problem, count }) => {
    told.add(problem);
    return problemText(t, problem, count);
  });
}

/** What the team server would not take is the team's business; the rest is about records on this device. */
const problemText = (t: TFunction, problem: RecordsProblem, count: number) => t(problem.startsWith('sync') ? `team.${problem}` : `records.${problem}`, { count });

/**
 * During a conversation: a dismissable status line for a records problem the trainee has not
 * been told about (a full disk mid-play, or no records at all after a deep link past the menu).
 * `mount` puts it in the layout (not over it, so it never hides the customer's line). It goes
 * when the problem does. Returns the cleanup.
 */
export function watchRecordsProblems(mount: (notice: HTMLElement) => void, t: TFunction, store: RecordStore): () => void {
  let toast: HTMLElement | undefined;
  let onToast: RecordsProblem[] = [];
  const close = () => {
    toast?.remove();
    toast = undefined;
    onToast = [];
  };
  const update = () => {
    const current = store.problems.map(({ problem }) => problem);
    for (const problem of told) if (!current.includes(problem)) told.delete(problem);
    if (toast && !onToast.some((problem) => current.includes(problem))) close();
    const fresh = store.problems.filter(({ problem }) => !told.has(problem));
    if (fresh.length === 0) return;
    fresh.forEach(({ problem }) => told.add(problem));
    onToast = fresh.map(({ problem }) => problem);
    const next = el('div', { class: 'records-toast panel', testid: 'records-notice', attrs: { role: 'status' } }, [
      ...fresh.map(({ problem, count }) => el('p', { text: problemText(t, problem, count) })),
      el('button', { text: t('records.dismiss'), on: { click: close } }),
    ]);
    if (toast) toast.replaceWith(next);
    else mount(next);
    toast = next;
  };
  update();
  const unsubscribe = store.onChange(update);
  return () => {
    unsubscribe();
    close();
  };
}
