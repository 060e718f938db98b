import * as Phaser from 'phaser';
import type { App } from './app.ts';
import { Menu } from './menu/Menu.ts';
import { drawCalmBackdrop } from './ui/backdrops.ts';

/** The menu to open (with a message about a deep link to no scenario), or the one the game opened with before Phaser was up. */
export type MenuSceneData = { unknownScenario?: string } | { menu: Menu };

/** The menu's canvas: a calm backdrop behind the menu's DOM (scenes/menu/Menu.ts), which it opens or takes over. */
export class MenuScene extends Phaser.Scene {
  private launch: MenuSceneData = {};

  constructor(
    private readonly app: App,
    /** The dialogue library's problems, as the linter prints them; only the dev server serves a library that has any. */
    private readonly libraryProblems: readonly string[],
  ) {
    super('menu');
  }

  init(data: MenuSceneData): void {
    this.launch = data;
  }

  create(): void {
    const menu = 'menu' in this.launch ? this.launch.menu : new Menu(this.app, this.libraryProblems, this.launch.unknownScenario);
    // The trainee chose a scenario before the canvas was up: go there.
    if (menu.exitedTo) return void this.scene.start(menu.exitedTo.key, menu.exitedTo.data);
    menu.leave = (route) => this.scene.start(route.key, route.data);
    const backdrop = this.add.graphics();
    const redraw = () => drawCalmBackdrop(backdrop, this.scale.width, this.scale.height);
    redraw();
    this.scale.on(Phaser.Scale.Events.RESIZE, redraw);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, redraw);
      menu.dispose();
    });
  }
}
