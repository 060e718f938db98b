import type { TFunction } from 'i18next';
import { el, focusQuietly } from './dom.ts';

export interface PauseActions {
  resume: () => void;
  restart: () => void;
  menu: () => void;
  toggleCoach: () => boolean;
  coachOn: boolean;
}

/** A modal pause dialog (Esc opens and closes it); Tab stays inside while it is open. */
export function openPauseMenu(host: HTMLElement, t: TFunction, actions: PauseActions): () => void {
  const previousFocus = document.activeElement as HTMLElement | null;
  const coachLabel = (on: boolean) => t(on ? 'pause.coachOn' : 'pause.coachOff');
  const coachButton = el('button', {
    text: coachLabel(actions.coachOn),
    attrs: { 'aria-pressed': actions.coachOn },
    on: {
      click: () => {
        const on = actions.toggleCoach();
        coachButton.textContent = coachLabel(on);
        coachButton.setAttribute('aria-pressed', String(on));
      },
    },
  });
  const close = () => {
    backdrop.remove();
    focusQuietly(previousFocus);
  };
  const choose = (action: () => void) => () => {
    close();
    action();
  };
  const dialog = el('div', { class: 'dialog panel', testid: 'pause-menu', attrs: { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'pause-title' } }, [
    el('h2', { text: t('pause.title'), attrs: { id: 'pause-title' } }),
    el('button', { class: 'primary', text: t('pause.resume'), on: { click: choose(actions.resume) } }),
    coachButton,
    el('button', { text: t('pause.restart'), on: { click: choose(actions.restart) } }),
    el('button', { text: t('pause.menu'), on: { click: choose(actions.menu) } }),
  ]);
  const backdrop = el('div', { class: 'dialog-backdrop' }, [dialog]);
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const buttons = [...dialog.querySelectorAll('button')];
    const first = buttons[0];
    const last = buttons.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      focusQuietly(last);
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      focusQuietly(first);
    }
  });
  host.append(backdrop);
  focusQuietly(dialog.querySelector('button'));
  return close;
}
