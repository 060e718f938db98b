import { ScenarioBook } from '../../parts/scenarioBook.ts';
import '../controller/controller.css';
import type { StartScreen } from '../main.ts';
import './setup.css';
import './setup.ts';

/** `?view=setup`: a trainer opens a room or goes back to one; `&room=<id>`: an ended room's summary. */
export const start: StartScreen = async (root, text, address) => {
  const setup = document.createElement('live-setup');
  Object.assign(setup, { text, book: new ScenarioBook(text.i18n), roomId: address.get('room') });
  root.dataset.phase = 'setup';
  root.replaceChildren(setup);
};
