import * as Phaser from 'phaser';
import type { App } from './app.ts';

/** Waits for the self-hosted fonts (Latin and Cyrillic) so no text is ever drawn in a fallback face, then routes. */
export class BootScene extends Phaser.Scene {
  constructor(
    private readonly app: App,
    private readonly deepLinkScenario: string | null,
  ) {
    super('boot');
  }

  async create(): Promise<void> {
    await this.app.fontsReady;
    const id = this.deepLinkScenario;
    if (id !== null && this.app.catalog.some((entry) => entry.id === id)) this.scene.start('conversation', { scenarioId: id });
    else this.scene.start('menu', { unknownScenario: id ?? undefined });
  }
}
