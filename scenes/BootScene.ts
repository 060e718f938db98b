import * as Phaser from 'phaser';
import type { App } from './app.ts';
import type { ConversationData } from './ConversationScene.ts';

/** Routes to the deep-linked scenario or to the menu. Fonts load meanwhile; the scenes that draw text wait for them. */
export class BootScene extends Phaser.Scene {
  constructor(
    private readonly app: App,
    private readonly deepLinkScenario: string | null,
    /** Scenarios the dev server left out for their problems, which the menu lists. */
    private readonly brokenScenarios: readonly string[],
    /** Where a "practise from here" link or an LMS launch starts, once checked; nothing when a practice link did not fit (it says why over the menu). */
    private readonly launch?: Promise<ConversationData | undefined>,
  ) {
    super('boot');
  }

  async create(): Promise<void> {
    if (this.launch) {
      const launch = await this.launch.catch(() => undefined);
      this.scene.start(launch ? 'conversation' : 'menu', launch ?? {});
      return;
    }
    const id = this.deepLinkScenario;
    if (id !== null && this.app.catalog.some((entry) => entry.id === id)) this.scene.start('conversation', { scenarioId: id });
    // A broken scenario exists: the menu's list of problems says what is wrong with it, not "no such scenario".
    else this.scene.start('menu', { unknownScenario: id === null || this.brokenScenarios.includes(id) ? undefined : id });
  }
}
