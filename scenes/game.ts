import * as Phaser from 'phaser';
import { BootScene } from './BootScene.ts';
import { ConversationScene } from './ConversationScene.ts';
import { DebriefScene } from './DebriefScene.ts';
import { MenuScene } from './MenuScene.ts';
import type { App } from './app.ts';
import type { Route } from './route.ts';
import { chooseRenderer } from './renderer.ts';
import { theme } from './theme.ts';

/**
 * The canvas half of the game: Phaser and its scenes, imported by scenes/main.ts without waiting,
 * so Phaser downloads, parses and boots while the first screen is already usable in the DOM.
 */
export function startGame(app: App, opening: Promise<Route>, libraryProblems: readonly string[], renderer: string | null): Phaser.Game {
  return new Phaser.Game({
    type: chooseRenderer(renderer),
    parent: 'game',
    backgroundColor: theme.color.background,
    banner: false,
    scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight },
    scene: [new BootScene(opening), new MenuScene(app, libraryProblems), new ConversationScene(app), new DebriefScene(app)],
  });
}
