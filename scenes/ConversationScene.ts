import * as Phaser from 'phaser';
import { moodBand } from '../src/index.ts';
import type { App } from './app.ts';
import { ConversationSession, type ConversationData } from './conversation/Session.ts';
import { loadPortraits, portraitKey, StageView } from './conversation/StageView.ts';

/** A conversation to start, or one already running (started before Phaser was up) to draw. */
export type ConversationSceneData = ConversationData | { session: ConversationSession };

/**
 * The conversation's canvas: the stage (backdrop, portrait, meters, speech bubbles) over which the
 * session's DOM controls sit. The session (scenes/conversation/Session.ts) runs the conversation;
 * this scene starts one, or takes over the one the game opened with, and lends it the stage.
 */
export class ConversationScene extends Phaser.Scene {
  private launch!: ConversationSceneData;
  private session: ConversationSession | undefined;
  private cleanups: (() => void)[] = [];

  constructor(private readonly app: App) {
    super('conversation');
  }

  init(data: ConversationSceneData): void {
    this.launch = data;
    this.session = undefined;
  }

  async create(): Promise<void> {
    let stopped = false;
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      stopped = true;
      this.teardown();
    });
    const data = this.launch;
    const scenarioId = 'session' in data ? data.session.scenario.id : data.scenarioId;
    const entry = this.app.catalog.find((candidate) => candidate.id === scenarioId);
    const firstBand = entry && moodBand(entry.mood);
    // Canvas text is drawn once the self-hosted fonts are in, so it never shows in a fallback face.
    const [session, , image] = await Promise.all(['session' in data ? data.session : ConversationSession.start(this.app, data), this.app.fontsReady, entry && this.app.openingPortrait(entry.id)]);
    // Left while its files loaded: the conversation ends here, leaking neither DOM nor a live actor.
    if (stopped) return session.dispose();
    // The trainee left the conversation before the canvas was up: go where they went.
    if (session.exitedTo) return void this.scene.start(session.exitedTo.key, session.exitedTo.data);
    this.session = session;
    session.leave = (route) => this.scene.start(route.key, route.data);
    const firstKey = firstBand && portraitKey(scenarioId, firstBand);
    if (image && firstKey && !this.textures.exists(firstKey)) this.textures.addImage(firstKey, image);

    const stage = new StageView(this, scenarioId, session.scenario.channel);
    this.watchLayout(session.controls.stage, stage);
    this.input.on(Phaser.Input.Events.POINTER_DOWN, () => stage.customer.skip());
    session.attach({ stage, pause: () => this.scene.pause(), resume: () => this.scene.resume() });
    // Portraits never hold up the first line: each appears as soon as it has loaded.
    loadPortraits(this, scenarioId);
    const refresh = () => stage.refreshPortrait();
    this.load.on(Phaser.Loader.Events.FILE_COMPLETE, refresh);
    this.cleanups.push(() => this.load.off(Phaser.Loader.Events.FILE_COMPLETE, refresh));
    this.load.start();
  }

  /** The DOM decides where the stage is (between header and replies); the canvas fills it. */
  private watchLayout(area: HTMLElement, stage: StageView): void {
    const relayout = () => {
      const box = area.getBoundingClientRect();
      stage.layout({ x: box.x, y: box.y, width: box.width, height: box.height });
    };
    const observer = new ResizeObserver(relayout);
    observer.observe(area);
    this.scale.on(Phaser.Scale.Events.RESIZE, relayout);
    this.cleanups.push(() => {
      observer.disconnect();
      this.scale.off(Phaser.Scale.Events.RESIZE, relayout);
    });
  }

  private teardown(): void {
    this.cleanups.forEach((cleanup) => cleanup());
    this.cleanups = [];
    this.session?.dispose();
    this.session = undefined;
    this.input.off(Phaser.Input.Events.POINTER_DOWN);
  }
}
