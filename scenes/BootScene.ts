import * as Phaser from 'phaser';
import type { Route } from './route.ts';

/**
 * Phaser's first scene: it sends the game to the screen the page opened with (scenes/main.ts
 * decides it, and may have started it in the DOM before Phaser was up): the menu, or a
 * conversation already running, which the conversation scene takes over.
 */
export class BootScene extends Phaser.Scene {
  constructor(private readonly opening: Promise<Route>) {
    super('boot');
  }

  async create(): Promise<void> {
    const { key, data } = await this.opening;
    this.scene.start(key, data);
  }
}
