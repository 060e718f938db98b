import * as Phaser from 'phaser';
import { chooseRenderer } from '../../scenes/renderer.ts';

/** The benchmark's baseline: the same Phaser build booting an empty scene, nothing else. */
class EmptyScene extends Phaser.Scene {
  create(): void {
    performance.mark('bare:ready');
  }
}

new Phaser.Game({ type: chooseRenderer(new URLSearchParams(window.location.search).get('renderer')), parent: 'game', banner: false, scale: { mode: Phaser.Scale.RESIZE, width: window.innerWidth, height: window.innerHeight }, scene: [EmptyScene] });
