import '@fontsource/nunito/400.css';
import '@fontsource/nunito/700.css';
import '../parts/page.css';
import './live.css';
import { preferredLanguage } from '../parts/language.ts';
import { liveText, type LiveText } from './text.ts';

/** Every live screen starts the same way: into the page's root, speaking the page's language, reading its address. */
export type StartScreen = (root: HTMLElement, text: LiveText, address: URLSearchParams) => Promise<void>;

/**
 * The live session page, one screen per address (docs/live.md, "Screens"):
 * - `?code=ABC-DEF`: a phone in the room (the join link); no code: a phone asks for one;
 * - `?code=…&view=projector` and `?code=…&view=controller`: the trainer's screens of a room on the team server;
 * - `?view=setup`: the trainer opens a room;
 * - `?local=1&view=controller|projector`: a room without a server, in two windows of one browser.
 * Each screen loads only its own code.
 */
const SCREENS: Record<string, () => Promise<{ start: StartScreen }>> = {
  phone: () => import('./phone/main.ts'),
  projector: () => import('./projector/main.ts'),
  controller: () => import('./controller/main.ts'),
  setup: () => import('./setup/main.ts'),
};

const root = document.getElementById('live');
if (!root) throw new Error('live.html must have #live');
const address = new URLSearchParams(location.search);
const text = liveText(preferredLanguage(address.get('lang')));
document.documentElement.lang = text.language;
document.title = text.t('shared.title');
const screen = SCREENS[address.get('view') ?? 'phone'] ?? SCREENS.phone;
await (await screen?.())?.start(root, text, address);
