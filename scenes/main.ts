import '@fontsource/nunito/400.css';
import '@fontsource/nunito/700.css';
import './ui/style.css';
import { broken, problems } from 'virtual:htl/catalog';
import { createApp } from './app.ts';
import { ConversationSession, type ConversationData } from './conversation/Session.ts';
import { Menu } from './menu/Menu.ts';
import type { Route } from './route.ts';
import { applyTheme } from './theme.ts';
import { registerOfflinePlay } from '../client/offline.ts';

// No static import of Phaser here: it downloads, parses and boots in parallel while the first
// screen (the menu, or a deep link's conversation) is already usable in the DOM, and takes it over when it is up.
const game = import('./game.ts');

const ui = document.getElementById('ui');
if (!ui) throw new Error('index.html must have #ui');
applyTheme(document.documentElement);

// Deep link for trainers and LMS launches: ?scenario=<id>&lang=<en|ru>; and from the progress page, &practise=<attempt id>&at=<decision index>.
const params = new URLSearchParams(window.location.search);
const app = await createApp(ui, params.get('lang'));
const deepLink = params.get('scenario');
const known = deepLink !== null && app.catalog.some((entry) => entry.id === deepLink);
// The practice code loads only for such a link; an unknown scenario gets the menu's own message.
const practise = known && params.has('practise') ? import('./practise.ts').then(({ practiseLaunch }) => practiseLaunch(app, params)) : undefined;
// Inside an LMS (a SCORM package's launch URL says &lms=…) the reporter loads, and may resume a suspended conversation;
// a cmi5 LMS's launch (it adds &endpoint=…&fetch=…) loads the cmi5 reporter instead.
const lmsServices = { records: app.records, loadScenario: (id: string) => app.loadScenario(id).then(({ scenario }) => scenario), t: app.t };
const cmi5 = known && !practise && params.has('endpoint') && params.has('fetch');
const lms = cmi5
  ? import('../client/lms/cmi5Launch.ts').then(({ connectCmi5 }) => connectCmi5(params, lmsServices))
  : known && !practise && params.has('lms')
    ? import('../client/lms/launch.ts').then(({ connectLms }) => connectLms(params, lmsServices))
    : undefined;
// A deep-linked scenario downloads, and its portrait decodes, while a launch is checked and Phaser boots.
if (known) {
  void app.loadScenario(deepLink);
  void app.openingPortrait(deepLink);
}

const conversation = async (data: ConversationData): Promise<Route> => ({ key: 'conversation', data: { session: await ConversationSession.start(app, data) } });
const menu = (unknownScenario?: string): Route => ({ key: 'menu', data: { menu: new Menu(app, problems, unknownScenario) } });
/** The first screen: a launch that was checked (a practice link that did not fit says why over the menu), a deep link, or the menu. */
async function opening(): Promise<Route> {
  const launch = practise ?? lms;
  if (launch) {
    const data = await launch.catch(() => undefined);
    return data ? conversation(data) : menu();
  }
  if (known) return conversation({ scenarioId: deepLink });
  // A broken scenario exists: the menu's list of problems says what is wrong with it, not "no such scenario".
  return menu(deepLink === null || broken.includes(deepLink) ? undefined : deepLink);
}

const first = opening();
const { startGame } = await game;
startGame(app, first, problems, params.get('renderer'));

registerOfflinePlay('afterFirstReply');
