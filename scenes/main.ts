import '@fontsource/nunito/400.css';
import '@fontsource/nunito/700.css';
import './ui/style.css';
import * as Phaser from 'phaser';
import { broken, problems } from 'virtual:htl/catalog';
import { createApp } from './app.ts';
import { BootScene } from './BootScene.ts';
import { ConversationScene } from './ConversationScene.ts';
import { DebriefScene } from './DebriefScene.ts';
import { MenuScene } from './MenuScene.ts';
import { chooseRenderer } from './renderer.ts';
import { applyTheme, theme } from './theme.ts';
import { registerOfflinePlay } from '../client/offline.ts';

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
// A deep-linked scenario downloads while Phaser boots.
if (known) {
  void app.loadScenario(deepLink);
  void app.openingPortrait(deepLink);
}

new Phaser.Game({
  type: chooseRenderer(params.get('renderer')),
  parent: 'game',
  backgroundColor: theme.color.background,
  banner: false,
  scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
  scene: [new BootScene(app, deepLink, broken, practise ?? lms), new MenuScene(app, problems), new ConversationScene(app), new DebriefScene(app)],
});

registerOfflinePlay('afterFirstReply');
