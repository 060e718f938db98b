import * as Phaser from 'phaser';
import type { App } from './app.ts';

/** Routes to the deep-linked scenario or to the menu. Fonts load meanwhile; the scenes that draw text wait for them. */
export class BootScene extends Phaser.Scene {
  constructor(
    private readonly app: App,
    private readonly deepLinkScenario: string | null,
  ) {
    super('boot');
  }

  create(): void {
    const id = this.deepLinkScenario;
    if (id !== null && this.app.catalog.some((entry) => entry.id === id)) this.scene.start('conversation', { scenarioId: id });
    else this.scene.start('menu', { unknownScenario: id ?? undefined });
  }
}
