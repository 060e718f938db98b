import { html, render } from 'lit';
import type { ControllerMessage, ScenarioRef } from '../../../src/index.ts';
import { ScenarioBook } from '../../parts/scenarioBook.ts';
import { LocalRoom, type LiveEventInput } from '../local/room.ts';
import type { StartScreen } from '../main.ts';
import { SocketLink } from '../socket/link.ts';
import './controller.css';
import './controller.ts';

type TrainerEvent = ControllerMessage['event'];

/** The events a trainer's socket may send; a typed name joining or leaving exists only in a room without a server. */
const forSocket = (event: LiveEventInput): TrainerEvent | null => (event.type === 'joined' || event.type === 'left' || event.type === 'voteCast' ? null : event);

/** The scenarios a stored session names, loaded with their words (those gone from the game are left out: the room then says it cannot resume). */
const loader = (book: ScenarioBook) => async (refs: readonly ScenarioRef[]) => [...(await book.loadAll(refs.map((ref) => ref.id))).values()];

/** `?code=…&view=controller` (a room on the team server) or `?local=1&view=controller` (a room in this window, no server). */
export const start: StartScreen = async (root, text, address) => {
  const book = new ScenarioBook(text.i18n);
  const code = address.get('code');
  const controller = document.createElement('live-controller');
  Object.assign(controller, { text, book, root });
  if (address.get('local') === '1') {
    const room = await LocalRoom.open({ load: loader(book) });
    Object.assign(controller, { link: room, place: { kind: 'local', clear: () => room.clear() }, send: (event: LiveEventInput) => room.send(event) });
    // A stored session this build cannot replay (its scenarios changed since) gives way to a new one: the trainer is told.
    if (room.problem) controller.notice = text.t('controller.notResumed', { reason: room.problem });
  } else if (code) {
    const link = new SocketLink(code, 'controller');
    const send = (event: LiveEventInput) => {
      const trainer = forSocket(event);
      if (trainer) link.send({ type: 'event', event: trainer });
    };
    Object.assign(controller, { link, place: { kind: 'server', code }, send });
  } else {
    root.dataset.phase = 'none';
    render(html`<p class="controller-missing">${text.t('controller.noRoom')} <a href="live.html?view=setup">${text.t('controller.toSetup')}</a></p>`, root);
    return;
  }
  root.replaceChildren(controller);
};
