import * as Phaser from 'phaser';
import { createActor, type Actor } from 'xstate';
import {
  composureBand,
  createSessionMachine,
  customerAnswers,
  decisionTextId,
  eventFor,
  lineIds,
  moodBand,
  screenOf,
  type Attempt,
  type Choice,
  type ConversationState,
  type ScenarioBundle,
  type Screen,
  type SessionContext,
  type SessionMachine,
} from '../src/index.ts';
import type { App } from './app.ts';
import { ConversationControls } from './conversation/Controls.ts';
import { loadPortraits, portraitKey, StageView } from './conversation/StageView.ts';
import { watchRecordsProblems } from './records/notices.ts';
import type { AttemptRecorder, Resumable } from '../client/records/store.ts';
import { openPauseMenu } from './ui/PauseMenu.ts';
import { prefersReducedMotion } from './theme.ts';

export interface ConversationData {
  scenarioId: string;
  /** Same seed, same reply order: "try from here" replays an attempt's start exactly. */
  seed?: number;
  /** Choices to replay silently before the trainee takes over. */
  prefix?: Choice[];
  /** An unfinished attempt from the records: its seed and choices, and it goes on being recorded as itself. */
  resume?: Resumable;
}

/** Wall-clock milliseconds, the only clock the game reads; the session machine's timers run on XState's clock. */
const wallClock = () => performance.timeOrigin + performance.now();

/**
 * A thin view over the session machine: the machine decides when a turn is presented, when a
 * decision is shown, when the pause menu opens and when time runs out; this scene supplies those
 * effects (StageView on the canvas, ConversationControls in the DOM) and sends the trainee's moves.
 */
export class ConversationScene extends Phaser.Scene {
  private launch!: Required<Pick<ConversationData, 'scenarioId' | 'seed'>> & ConversationData;
  private bundle!: ScenarioBundle;
  private actor: Actor<SessionMachine> | undefined;
  private stageView: StageView | undefined;
  private controls: ConversationControls | undefined;
  /** What is on screen now: number keys pick from its replies. */
  private screen: Screen | undefined;
  private startedAt = 0;
  private closePauseMenu: (() => void) | undefined;
  private cleanups: (() => void)[] = [];
  private firstPortrait: { band: string; image: Promise<HTMLImageElement | undefined> } | undefined;
  private recorder: AttemptRecorder | undefined;

  constructor(private readonly app: App) {
    super('conversation');
  }

  init(data: ConversationData): void {
    const resumed = data.resume && { seed: data.resume.record.seed, prefix: data.resume.choices };
    this.launch = { ...data, ...resumed, seed: resumed?.seed ?? data.seed ?? crypto.getRandomValues(new Uint32Array(1))[0] ?? 1 };
    this.screen = undefined;
    this.startedAt = data.resume?.record.startedAt ?? wallClock();
    this.recorder = undefined;
    const entry = this.app.catalog.find((candidate) => candidate.id === data.scenarioId);
    this.firstPortrait = entry ? { band: moodBand(entry.mood), image: this.app.openingPortrait(entry.id) } : undefined;
  }

  async create(): Promise<void> {
    let stopped = false;
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      stopped = true;
      this.teardown();
    });
    // Canvas text is drawn once the self-hosted fonts are in, so it never shows in a fallback face.
    const [bundle, , image] = await Promise.all([this.app.loadScenario(this.launch.scenarioId), this.app.fontsReady, this.firstPortrait?.image]);
    // The scene may have been left while its files loaded; mounting now would leak DOM and a live actor.
    if (stopped) return;
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

    this.actor = createActor(this.sessionMachine(), { input: { seed: this.launch.seed, prefix: this.launch.prefix ?? [] } });
    const subscription = this.actor.subscribe((snapshot) => this.controls?.setTimer(snapshot.status === 'active' ? snapshot.context.secondsLeft : null));
    this.cleanups.push(() => subscription.unsubscribe());
    this.actor.start();
    // After the first turn is on screen: opening the records database is not on the way to the first reply.
    this.startRecording(this.actor.getSnapshot().context.conversation);
    // Portraits never hold up the first line: each appears as soon as it has loaded.
    loadPortraits(this, scenario.id);
    this.load.on(Phaser.Loader.Events.FILE_COMPLETE, () => this.stageView?.refreshPortrait());
    this.load.start();
  }

  /** The session chart with this scene's effects; with reduced motion a decision is answered at once. */
  private sessionMachine(): SessionMachine {
    return createSessionMachine(this.scenario, { now: wallClock }).provide({
      actions: {
        presentTurn: ({ context }) => this.presentTurn(context.conversation),
        showDecision: ({ context }) => this.showDecision(context),
        showPause: () => this.openPause(),
        hidePause: () => this.closePause(),
      },
      ...(this.reducedMotion ? { delays: { reaction: 0 } } : {}),
    });
  }

  /** A resumed attempt goes on as itself; anything else is a new attempt (with its replayed prefix, if any). */
  private startRecording(start: ConversationState): void {
    const { records, preferences, i18n, t } = this.app;
    const resume = this.launch.resume;
    this.recorder = resume
      ? records.resume(resume)
      : records.begin({ trainee: preferences.current.traineeName, scenario: this.scenario, language: i18n.language, seed: this.launch.seed, startedAt: this.startedAt, prefix: start.decisions });
    const recorder = this.recorder;
    this.cleanups.push(() => recorder.release());
    const controls = this.controls;
    // A stable hook for tests: how many decisions the database holds.
    void this.recorder.started.then((saved) => {
      if (saved && controls) controls.root.dataset.saved = String(start.decisions.length);
    });
    // Between the header and the stage: the canvas makes room for it rather than being covered.
    if (controls) this.cleanups.push(watchRecordsProblems((notice) => controls.stage.before(notice), t, records));
  }

  private get scenario() {
    return this.bundle.scenario;
  }

  private send(choice: Choice): void {
    this.actor?.send(eventFor(choice));
  }

  /** The trainee moved: show their words and the meters moving; the machine presents the answer when the reaction is over. */
  private showDecision({ conversation, lastReview }: SessionContext): void {
    const decision = conversation.decisions.at(-1);
    if (!decision) return;
    const index = conversation.decisions.length - 1;
    const controls = this.controls;
    void this.recorder?.decide(index, decision, conversation.outcome).then((saved) => {
      if (saved && controls) controls.root.dataset.saved = String(index + 1);
    });
    const { t } = this.app;
    this.controls?.setBusy(true);
    this.stageView?.customer.skip();
    const said = decisionTextId(this.scenario.id, decision.node, decision.choice);
    this.stageView?.trainee.setVisible(true);
    this.stageView?.trainee.say(t(said.key, { ns: said.ns }), this.reducedMotion);
    this.showMeters(conversation, true);
    if (decision.moodAfter > decision.moodBefore) this.app.sound.moodUp();
    const coaching = this.app.preferences.current.coachMode && lastReview;
    this.controls?.showCoach(coaching ? t(lastReview.feedback.key, { ns: lastReview.feedback.ns }) : null);
  }

  private presentTurn(state: ConversationState): void {
    const { t } = this.app;
    const controls = this.controls;
    const view = this.stageView;
    if (!controls || !view) return;
    const first = this.screen === undefined;
    const screen = screenOf(this.scenario, state, t);
    this.screen = screen;
    // A stable hook for tests and tools: how many decisions the view has caught up with.
    controls.root.dataset.decisions = String(state.decisions.length);
    if (first) this.showMeters(state, false);

    const last = state.decisions.at(-1);
    if (first || !last || customerAnswers(last.choice, last, state)) {
      if (view.compact) view.trainee.setVisible(false);
      controls.setLine(screen.customer.text);
      this.app.sound.tick();
      // A countdown starts once the whole line is on screen (typed out, or skipped with a click or Space).
      view.customer.say(screen.customer.text, this.reducedMotion, () => this.actor?.send({ type: 'line.shown' }));
    } else {
      view.trainee.say(t('conversation.back'), this.reducedMotion);
      this.actor?.send({ type: 'line.shown' });
    }

    if (screen.outcome !== null) {
      if (screen.outcome === 'resolved') this.app.sound.chime();
      controls.showContinue(() => this.finish(state));
      return;
    }
    controls.showReplies(screen.replies, (reply) => this.send({ kind: 'reply', reply }));
    // The moment the first choice is usable: `npm run bench` reads this mark.
    if (performance.getEntriesByName('htl:first-choice').length === 0) performance.mark('htl:first-choice');
    controls.setBreathAvailable(screen.canBreathe);
    controls.setBusy(false);
  }

  private showMeters(state: ConversationState, animate: boolean): void {
    const { t } = this.app;
    const mood = t(`mood.${moodBand(state.mood)}`);
    const composure = t(`composure.${composureBand(state.composure)}`);
    this.stageView?.showMood(state.mood, `${t('mood.label')}: ${mood}`, animate && !this.reducedMotion);
    this.stageView?.showComposure(state.composure, `${t('composure.label')}: ${composure}`, animate && !this.reducedMotion);
    this.controls?.setMeters(t('conversation.meters', { mood, moodValue: state.mood, composure, composureValue: state.composure }));
  }

  private finish(state: ConversationState): void {
    const attempt: Attempt = {
      schemaVersion: 1,
      scenario: this.scenario.id,
      scenarioVersion: this.scenario.version,
      language: this.app.i18n.language,
      trainee: this.app.preferences.current.traineeName,
      seed: this.launch.seed,
      startedAt: this.startedAt,
      // A resumed attempt's earlier decisions keep the times they were made at.
      decisions: this.launch.resume ? [...this.launch.resume.attempt.decisions, ...state.decisions.slice(this.launch.resume.attempt.decisions.length)] : state.decisions,
      outcome: state.outcome,
    };
    this.scene.start('debrief', { attempt });
  }

  private togglePause(): void {
    this.actor?.send({ type: this.actor.getSnapshot().matches('paused') ? 'session.resumed' : 'session.paused' });
  }

  private openPause(): void {
    this.scene.pause();
    const { preferences } = this.app;
    this.closePauseMenu = openPauseMenu(this.app.ui, this.app.t, {
      resume: () => this.actor?.send({ type: 'session.resumed' }),
      restart: () => this.scene.start('conversation', { scenarioId: this.scenario.id }),
      menu: () => this.scene.start('menu'),
      coachOn: preferences.current.coachMode,
      toggleCoach: () => {
        preferences.update((current) => ({ ...current, coachMode: !current.coachMode }));
        return preferences.current.coachMode;
      },
    });
  }

  private closePause(): void {
    this.closePauseMenu?.();
    this.closePauseMenu = undefined;
    this.scene.resume();
  }

  private listenForKeys(): void {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') return this.togglePause();
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const focusedButton = document.activeElement instanceof HTMLButtonElement;
      if (/^[1-9]$/.test(event.key)) {
        const reply = this.screen?.replies[Number(event.key) - 1];
        if (reply) this.send({ kind: 'reply', reply: reply.id });
      } else if (event.code === 'KeyB') {
        // The physical B key, whatever the layout (it types и on a Russian one).
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
    this.closePauseMenu?.();
    this.closePauseMenu = undefined;
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

