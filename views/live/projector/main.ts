import { html, render } from 'lit';
import { ScenarioBook } from '../../parts/scenarioBook.ts';
import type { StartScreen } from '../main.ts';
import { ScenarioSource } from '../parts/scenarios.ts';
import { SocketLink } from '../socket/link.ts';
import './projector.css';
import { type ProjectorLink } from './projector.ts';

/** Whether this browser has a staff session (the server lets only the room's trainer open its projector). Unknown (offline) counts as yes: the link will say it cannot connect. */
async function signedIn(): Promise<boolean> {
  try {
    const response = await fetch('/api/staff/me', { headers: { accept: 'application/json' } });
    return response.status !== 401 && response.status !== 403;
  } catch {
    return true;
  }
}

/**
 * The projector: `?code=…&view=projector` shows a room on the team server (opened in the trainer's
 * signed-in browser); `?local=1&view=projector` a room without a server, run by the controller
 * window of the same browser.
 */
export const start: StartScreen = async (root, text, address) => {
  root.classList.add('live-projector');
  // The slide's type scales with the window (projector.css).
  document.documentElement.classList.add('projector-page');
  const code = address.get('code')?.trim() || null;
  const local = address.get('local') === '1';
  if (!local && !code) {
    root.textContent = text.t('shared.noRoom');
    return;
  }
  if (!local && !(await signedIn())) {
    // The room shows itself only to its trainer's browser: say so instead of knocking at the socket for ever.
    root.dataset.phase = 'signIn';
    render(html`<section class="sign-in panel"><h1>${text.t('projector.signIn.title')}</h1><p>${text.t('projector.signIn.why')}</p><a class="button" href="/staff.html">${text.t('projector.signIn.link')}</a></section>`, root);
    return;
  }
  const link: ProjectorLink = local ? new (await import('../local/link.ts')).LocalLink() : new SocketLink(code as string, 'projector');
  const projector = document.createElement('live-projector');
  projector.text = text;
  projector.link = link;
  projector.code = local ? null : code;
  projector.scenarios = new ScenarioSource(new ScenarioBook(text.i18n), () => projector.requestUpdate());
  root.replaceChildren(projector);
};
