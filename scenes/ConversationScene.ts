import * as Phaser from 'phaser';
import { createActor, type Actor } from 'xstate';
import {
  availableOptions,
  canTakeBreath,
  createConversationMachine,
  customerLineId,
  toEvent,
  type Choice,
  type ConversationMachine,
  type ConversationState,
} from '../src/engine/index.ts';
import type { ScenarioBundle } from '../src/content.ts';
import type { Attempt } from '../src/records/attempt.ts';
import { composureBand, moodBand } from '../src/rubric.ts';
import { lineIds } from '../src/scenario/lineIds.ts';
import { scoreChoices } from '../src/scoring/index.ts';
import type { App } from './app.ts';
import { ConversationControls } from './conversation/Controls.ts';
import { loadPortraits, portraitKey, StageView } from './conversation/StageView.ts';
import { openPauseMenu } from './ui/PauseMenu.ts';
import { prefersReducedMotion } from './theme.ts';

export interface ConversationData {
  scenarioId: string;
  /** Same seed, same reply order: "try from here" replays an attempt's start exactly. */
  seed?: number;
  /** Choices to replay silently before the trainee takes over. */
  prefix?: Choice[];
}

/**
 * A thin view over the conversation machine: it subscribes to the actor's snapshots, draws them
 * (StageView on the canvas, ConversationControls in the DOM) and sends the trainee's choices.
 */
export class ConversationScene extends Phaser.Scene {
  private launch!: ConversationData;
  private bundle!: ScenarioBundle;
  private actor: Actor<ConversationMachine> | undefined;
  private stageView: StageView | undefined;
  private controls: ConversationControls | undefined;
  private shown: ConversationState | undefined;
  private busy = false;
  private closePause: (() => void) | undefined;
  private countdown: Phaser.Time.TimerEvent | undefined;
  private cleanups: (() => void)[] = [];
  private firstPortrait: { band: string; image: Promise<HTMLImageElement | undefined> } | undefined;

  constructor(private readonly app: App) {
    super('conversation');
  }

  init(data: ConversationData): void {
    this.launch = { ...data, seed: data.seed ?? crypto.getRandomValues(new Uint32Array(1))[0] ?? 1 };
    this.shown = undefined;
    this.busy = false;
    const entry = this.app.catalog.find((candidate) => candidate.id === data.scenarioId);
    this.firstPortrait = entry ? { band: moodBand(entry.mood), image: this.app.openingPortrait(entry.id) } : undefined;
  }

  async create(): Promise<void> {
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
    // Canvas text is drawn once the self-hosted fonts are in, so it never shows in a fallback face.
    const [bundle, , image] = await Promise.all([this.app.loadScenario(this.launch.scenarioId), this.app.fontsReady, this.firstPortrait?.image]);
    this.bundle = bundle;
    const firstKey = this.firstPortrait && portraitKey(this.launch.scenarioId, this.firstPortrait.band);
    if (image && firstKey && !this.textures.exists(firstKey)) this.textures.addImage(firstKey, image);
    const { scenario } = this.bundle;
    const { t } = this.app;
    const say = (key: string) => t(key, { ns: scenario.id });

    this.stageView = new StageView(this, scenario.id, scenario.channel);
    this.controls = new ConversationControls(t, {
      heading: `${t(`channels.${scenario.channel}`)} · ${say(lineIds.customerName)} · ${say(lineIds.title)}`,
      channel: scenario.channel,
      onPause: () => this.togglePause(),
      onBreath: () => this.send({ kind: 'breath' }),
    });
    this.app.ui.append(this.controls.root);
    this.watchLayout(this.controls.stage);
    this.listenForKeys();
    this.input.on(Phaser.Input.Events.POINTER_DOWN, () => this.stageView?.customer.skip());

    const machine = createConversationMachine(scenario, { now: () => performance.timeOrigin + performance.now() });
    this.actor = createActor(machine, { input: { seed: this.launch.seed } }).start();
    for (const choice of this.launch.prefix ?? []) this.actor.send(toEvent(choice));
    const subscription = this.actor.subscribe((snapshot) => this.onSnapshot(snapshot.context));
    this.cleanups.push(() => subscription.unsubscribe());
    this.present(this.actor.getSnapshot().context, false);
    // Portraits never hold up the first line: each appears as soon as it has loaded.
    loadPortraits(this, scenario.id);
    this.load.on(Phaser.Loader.Events.FILE_COMPLETE, () => this.stageView?.refreshPortrait());
    this.load.start();
  }

  private get scenario() {
    return this.bundle.scenario;
  }

  private send(choice: Choice): void {
    const state = this.actor?.getSnapshot().context;
    if (!state || this.busy || this.closePause) return;
    if (choice.kind === 'breath' && !canTakeBreath(state)) return;
    this.actor?.send(toEvent(choice));
  }

  /** A decision happened: show the trainee's words and the meters moving, then the customer's answer. */
  private onSnapshot(state: ConversationState): void {
    const previous = this.shown;
    if (!previous || state.decisions.length === previous.decisions.length) return;
    const decision = state.decisions.at(-1);
    if (!decision) return;
    const { t } = this.app;
    this.busy = true;
    this.stopCountdown();
    this.controls?.setBusy(true);
    this.stageView?.customer.skip();
    const choice = decision.choice;
    const words = choice.kind === 'reply' ? t(lineIds.replyText(decision.node, choice.reply), { ns: this.scenario.id }) : t(`${choice.kind}.text`);
    this.stageView?.trainee.setVisible(true);
    this.stageView?.trainee.say(words, this.reducedMotion);
    this.showMeters(state, true);
    if (state.mood > previous.mood) this.app.sound.moodUp();
    this.showCoachHint(state);
    this.time.delayedCall(this.reducedMotion ? 0 : choice.kind === 'breath' ? 1400 : 900, () => {
      if (choice.kind === 'breath' && state.node === previous.node) this.stageView?.trainee.say(t('conversation.back'), this.reducedMotion);
      this.present(state, true);
    });
  }

  private present(state: ConversationState, afterDecision: boolean): void {
    const { t } = this.app;
    const controls = this.controls;
    const view = this.stageView;
    if (!controls || !view) return;
    const previous = this.shown;
    this.shown = state;
    this.busy = false;
    // A stable hook for tests and tools: how many decisions the view has caught up with.
    controls.root.dataset.decisions = String(state.decisions.length);
    if (!afterDecision) this.showMeters(state, false);

    const cameBackFromBreath = previous !== undefined && state.decisions.at(-1)?.choice.kind === 'breath' && state.node === previous.node;
    if (!cameBackFromBreath) {
      if (view.compact) view.trainee.setVisible(false);
      const line = t(customerLineId(this.scenario, state), { ns: this.scenario.id });
      controls.setLine(line);
      this.app.sound.tick();
      view.customer.say(line, this.reducedMotion);
    }

    if (state.outcome !== null) {
      if (state.outcome === 'resolved') this.app.sound.chime();
      controls.setTimer(null);
      controls.showContinue(() => this.finish(state));
      return;
    }
    const options = availableOptions(this.scenario, state).map(({ reply, locked }) => ({
      id: reply.id,
      text: t(lineIds.replyText(state.node, reply.id), { ns: this.scenario.id }),
      locked,
    }));
    controls.showReplies(options, (reply) => this.send({ kind: 'reply', reply }));
    // The moment the first choice is usable: `npm run bench` reads this mark.
    if (performance.getEntriesByName('htl:first-choice').length === 0) performance.mark('htl:first-choice');
    controls.setBreathAvailable(canTakeBreath(state));
    controls.setBusy(false);
    this.startCountdown();
  }

  private showMeters(state: ConversationState, animate: boolean): void {
    const { t } = this.app;
    const mood = t(`mood.${moodBand(state.mood)}`);
    const composure = t(`composure.${composureBand(state.composure)}`);
    this.stageView?.showMood(state.mood, `${t('mood.label')}: ${mood}`, animate && !this.reducedMotion);
    this.stageView?.showComposure(state.composure, `${t('composure.label')}: ${composure}`, animate && !this.reducedMotion);
    this.controls?.setMeters(t('conversation.meters', { mood, moodValue: state.mood, composure, composureValue: state.composure }));
  }

  /** Coach mode: one line of feedback right after each reply, for beginners. */
  private showCoachHint(state: ConversationState): void {
    if (!this.app.preferences.current.coachMode) return this.controls?.showCoach(null);
    const scored = scoreChoices(this.scenario, state.decisions.map((decision) => decision.choice));
    const review = scored.ok ? scored.report.decisions.at(-1) : undefined;
    this.controls?.showCoach(review ? this.app.t(review.feedback.key, { ns: review.feedback.ns }) : null);
  }

  private startCountdown(): void {
    const timer = this.scenario.timer;
    if (!timer) return this.controls?.setTimer(null);
    let left = timer.seconds;
    this.controls?.setTimer(left);
    this.countdown = this.time.addEvent({
      delay: 1000,
      repeat: timer.seconds - 1,
      callback: () => {
        left -= 1;
        this.controls?.setTimer(left);
        if (left <= 0) this.send({ kind: 'silence' });
      },
    });
  }

  private stopCountdown(): void {
    this.countdown?.remove(false);
    this.countdown = undefined;
  }

  private finish(state: ConversationState): void {
    const attempt: Attempt = {
      schemaVersion: 1,
      scenario: this.scenario.id,
      scenarioVersion: this.scenario.version,
      language: this.app.i18n.language,
      trainee: this.app.preferences.current.traineeName,
      seed: this.launch.seed ?? 0,
      startedAt: state.decisions[0]?.at ?? 0,
      decisions: state.decisions,
      outcome: state.outcome,
    };
    this.scene.start('debrief', { attempt });
  }

  private togglePause(): void {
    if (this.closePause) {
      this.closePause();
      return;
    }
    this.scene.pause();
    const { preferences } = this.app;
    const resume = () => {
      this.closePause = undefined;
      this.scene.resume();
    };
    const close = openPauseMenu(this.app.ui, this.app.t, {
      resume,
      restart: () => this.scene.start('conversation', { scenarioId: this.scenario.id }),
      menu: () => this.scene.start('menu'),
      coachOn: preferences.current.coachMode,
      toggleCoach: () => {
        preferences.update((current) => ({ ...current, coachMode: !current.coachMode }));
        return preferences.current.coachMode;
      },
    });
    this.closePause = () => {
      close();
      resume();
    };
  }

  private listenForKeys(): void {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') return this.togglePause();
      if (this.closePause || event.altKey || event.ctrlKey || event.metaKey) return;
      const focusedButton = document.activeElement instanceof HTMLButtonElement;
      if (/^[1-9]$/.test(event.key)) {
        const reply = this.controls?.replyIdAt(Number(event.key) - 1);
        if (reply) this.send({ kind: 'reply', reply });
      } else if (event.key.toLowerCase() === 'b' || event.key.toLowerCase() === 'и') {
        this.send({ kind: 'breath' });
      } else if ((event.key === ' ' || event.key === 'Enter') && !focusedButton && this.stageView?.customer.isTyping) {
        event.preventDefault();
        this.stageView.customer.skip();
      }
    };
    window.addEventListener('keydown', onKey);
    this.cleanups.push(() => window.removeEventListener('keydown', onKey));
  }

  /** The DOM decides where the stage is (between header and replies); the canvas fills it. */
  private watchLayout(stage: HTMLElement): void {
    const relayout = () => {
      const box = stage.getBoundingClientRect();
      this.stageView?.layout({ x: box.x, y: box.y, width: box.width, height: box.height });
    };
    const observer = new ResizeObserver(relayout);
    observer.observe(stage);
    this.scale.on(Phaser.Scale.Events.RESIZE, relayout);
    this.cleanups.push(() => {
      observer.disconnect();
      this.scale.off(Phaser.Scale.Events.RESIZE, relayout);
    });
  }

  private get reducedMotion(): boolean {
    return prefersReducedMotion();
  }

  private teardown(): void {
    this.stopCountdown();
    this.closePause?.();
    this.cleanups.forEach((cleanup) => cleanup());
    this.cleanups = [];
    this.actor?.stop();
    this.actor = undefined;
    this.controls?.root.remove();
    this.controls = undefined;
    this.stageView = undefined;
    this.input.off(Phaser.Input.Events.POINTER_DOWN);
  }
}

