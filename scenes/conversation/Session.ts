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
  type Scenario,
  type Screen,
  type SessionContext,
  type SessionMachine,
} from '../../src/index.ts';
import type { App } from '../app.ts';
import { ConversationControls } from './Controls.ts';
import type { StageView } from './StageView.ts';
import { watchRecordsProblems } from '../records/notices.ts';
import type { AttemptRecorder, Resumable } from '../../client/records/store.ts';
import { openPauseMenu } from '../ui/PauseMenu.ts';
import { prefersReducedMotion } from '../theme.ts';
import type { EarlyScreen, Route } from '../route.ts';

export interface ConversationData {
  scenarioId: string;
  /** Same seed, same reply order: "try from here" replays an attempt's start exactly. */
  seed?: number;
  /** Choices to replay silently before the trainee takes over. */
  prefix?: Choice[];
  /** An unfinished attempt from the records: its seed and choices, and it goes on being recorded as itself. */
  resume?: Resumable;
}

/** What the canvas lends a conversation once Phaser is up: the stage it draws on and the scene's own controls. */
export interface CanvasHost {
  stage: Pick<StageView, 'customer' | 'trainee' | 'compact' | 'showMood' | 'showComposure'>;
  pause(): void;
  resume(): void;
}

/** Wall-clock milliseconds, the only clock the game reads; the session machine's timers run on XState's clock. */
const wallClock = () => performance.timeOrigin + performance.now();

/**
 * One conversation, with no need of Phaser: the session actor (the single source of truth), the DOM
 * controls that render its snapshots and send the trainee's moves, keys, the pause menu and the
 * records. It starts before the canvas exists, so the first reply is usable while Phaser still
 * loads; the conversation scene then lends it the canvas (`attach`), which catches up with
 * whatever happened meanwhile. Until then the customer's line shows in the DOM, and its countdown
 * waits for the canvas to type it out, as every later line does.
 */
export class ConversationSession implements EarlyScreen {
  readonly controls: ConversationControls;
  private readonly actor: Actor<SessionMachine>;
  private readonly seed: number;
  private readonly startedAt: number;
  private host: CanvasHost | undefined;
  /** What is on screen now: number keys pick from its replies. */
  private screen: Screen | undefined;
  /** The customer's line now shown, for the canvas to type out when it comes. */
  private customerLine: string | undefined;
  private recorder: AttemptRecorder | undefined;
  private closePauseMenu: (() => void) | undefined;
  private cleanups: (() => void)[] = [];
  private disposed = false;
  exitedTo: Route | undefined;
  leave: (route: Route) => void = () => this.dispose();

  /** Starts a conversation as soon as its scenario has loaded; the canvas may come later. */
  static async start(app: App, data: ConversationData): Promise<ConversationSession> {
    const { scenario } = await app.loadScenario(data.scenarioId);
    return new ConversationSession(app, scenario, data);
  }

  private constructor(
    private readonly app: App,
    readonly scenario: Scenario,
    private readonly launch: ConversationData,
  ) {
    const resumed = launch.resume && { seed: launch.resume.record.seed, prefix: launch.resume.choices };
    this.seed = resumed?.seed ?? launch.seed ?? crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
    this.startedAt = launch.resume?.record.startedAt ?? wallClock();
    const { t } = app;
    const say = (key: string) => t(key, { ns: scenario.id });
    this.controls = new ConversationControls(t, {
      heading: `${t(`channels.${scenario.channel}`)} · ${say(lineIds.customerName)} · ${say(lineIds.title)}`,
      channel: scenario.channel,
      onPause: () => this.togglePause(),
      onBreath: () => this.send({ kind: 'breath' }),
    });
    app.ui.append(this.controls.root);
    this.listenForKeys();
    this.actor = createActor(this.sessionMachine(), { input: { seed: this.seed, prefix: resumed?.prefix ?? launch.prefix ?? [] } });
    const subscription = this.actor.subscribe((snapshot) => this.controls.setTimer(snapshot.status === 'active' ? snapshot.context.secondsLeft : null));
    this.cleanups.push(() => subscription.unsubscribe());
    this.actor.start();
    // After the first turn is on screen: opening the records database is not on the way to the first reply.
    this.startRecording(this.actor.getSnapshot().context.conversation);
  }

  /** The canvas is up: it draws the conversation as it stands now (meters, the customer's line typed out) and every turn after. */
  attach(host: CanvasHost): void {
    this.host = host;
    this.controls.showPreview(null);
    const snapshot = this.actor.getSnapshot();
    this.showMeters(snapshot.context.conversation, false);
    // The countdown starts when the canvas has typed the line out; a later turn's typing cancels this one's.
    if (this.customerLine !== undefined) host.stage.customer.say(this.customerLine, this.reducedMotion, () => this.actor.send({ type: 'line.shown' }));
    if (snapshot.matches('paused')) host.pause();
  }

  /** Ends the conversation: its actor, keys, pause menu and DOM go; its recorded attempt stays. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.closePauseMenu?.();
    this.closePauseMenu = undefined;
    this.cleanups.forEach((cleanup) => cleanup());
    this.cleanups = [];
    this.actor.stop();
    this.controls.root.remove();
    this.host = undefined;
  }

  private exit(route: Route): void {
    this.exitedTo = route;
    this.leave(route);
  }

  /** The session chart with this conversation's effects; with reduced motion a decision is answered at once. */
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
    const recorder = resume
      ? records.resume(resume)
      : records.begin({ trainee: preferences.current.traineeName, scenario: this.scenario, language: i18n.language, seed: this.seed, startedAt: this.startedAt, prefix: start.decisions });
    this.recorder = recorder;
    this.cleanups.push(() => recorder.release());
    const controls = this.controls;
    // A stable hook for tests: how many decisions the database holds.
    void recorder.started.then((saved) => {
      if (saved) controls.root.dataset.saved = String(start.decisions.length);
    });
    // Between the header and the stage: the canvas makes room for it rather than being covered.
    this.cleanups.push(watchRecordsProblems((notice) => controls.stage.before(notice), t, records));
  }

  private send(choice: Choice): void {
    this.actor.send(eventFor(choice));
  }

  /** The trainee moved: show their words and the meters moving; the machine presents the answer when the reaction is over. */
  private showDecision({ conversation, lastReview }: SessionContext): void {
    const decision = conversation.decisions.at(-1);
    if (!decision) return;
    const index = conversation.decisions.length - 1;
    const controls = this.controls;
    void this.recorder?.decide(index, decision, conversation.outcome).then((saved) => {
      if (saved) controls.root.dataset.saved = String(index + 1);
    });
    const { t } = this.app;
    controls.setBusy(true);
    const stage = this.host?.stage;
    stage?.customer.skip();
    const said = decisionTextId(this.scenario.id, decision.node, decision.choice);
    stage?.trainee.setVisible(true);
    stage?.trainee.say(t(said.key, { ns: said.ns }), this.reducedMotion);
    this.showMeters(conversation, true);
    if (decision.moodAfter > decision.moodBefore) this.app.sound.moodUp();
    const coaching = this.app.preferences.current.coachMode && lastReview;
    controls.showCoach(coaching ? t(lastReview.feedback.key, { ns: lastReview.feedback.ns }) : null);
  }

  private presentTurn(state: ConversationState): void {
    const { t } = this.app;
    const controls = this.controls;
    const stage = this.host?.stage;
    const first = this.screen === undefined;
    const screen = screenOf(this.scenario, state, t);
    this.screen = screen;
    // A stable hook for tests and tools: how many decisions the view has caught up with.
    controls.root.dataset.decisions = String(state.decisions.length);
    if (first) this.showMeters(state, false);

    const last = state.decisions.at(-1);
    if (first || !last || customerAnswers(last.choice, last, state)) {
      if (stage?.compact) stage.trainee.setVisible(false);
      controls.setLine(screen.customer.text);
      this.customerLine = screen.customer.text;
      this.app.sound.tick();
      // A countdown starts once the whole line is on the canvas (typed out, or skipped with a click or Space).
      if (stage) stage.customer.say(screen.customer.text, this.reducedMotion, () => this.actor.send({ type: 'line.shown' }));
      else controls.showPreview(screen.customer.text);
    } else {
      stage?.trainee.say(t('conversation.back'), this.reducedMotion);
      this.actor.send({ type: 'line.shown' });
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
    const stage = this.host?.stage;
    stage?.showMood(state.mood, `${t('mood.label')}: ${mood}`, animate && !this.reducedMotion);
    stage?.showComposure(state.composure, `${t('composure.label')}: ${composure}`, animate && !this.reducedMotion);
    this.controls.setMeters(t('conversation.meters', { mood, moodValue: state.mood, composure, composureValue: state.composure }));
  }

  private finish(state: ConversationState): void {
    const resume = this.launch.resume;
    const attempt: Attempt = {
      schemaVersion: 1,
      scenario: this.scenario.id,
      scenarioVersion: this.scenario.version,
      language: this.app.i18n.language,
      trainee: this.app.preferences.current.traineeName,
      seed: this.seed,
      startedAt: this.startedAt,
      // A resumed attempt's earlier decisions keep the times they were made at.
      decisions: resume ? [...resume.attempt.decisions, ...state.decisions.slice(resume.attempt.decisions.length)] : state.decisions,
      outcome: state.outcome,
    };
    this.exit({ key: 'debrief', data: { attempt } });
  }

  private togglePause(): void {
    this.actor.send({ type: this.actor.getSnapshot().matches('paused') ? 'session.resumed' : 'session.paused' });
  }

  private openPause(): void {
    this.host?.pause();
    const { preferences } = this.app;
    this.closePauseMenu = openPauseMenu(this.app.ui, this.app.t, {
      resume: () => this.actor.send({ type: 'session.resumed' }),
      restart: () => this.exit({ key: 'conversation', data: { scenarioId: this.scenario.id } }),
      menu: () => this.exit({ key: 'menu', data: {} }),
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
    this.host?.resume();
  }

  private listenForKeys(): void {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') return this.togglePause();
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const focusedButton = document.activeElement instanceof HTMLButtonElement;
      const customer = this.host?.stage.customer;
      if (/^[1-9]$/.test(event.key)) {
        const reply = this.screen?.replies[Number(event.key) - 1];
        if (reply) this.send({ kind: 'reply', reply: reply.id });
      } else if (event.code === 'KeyB') {
        // The physical B key, whatever the layout (it types и on a Russian one).
        this.send({ kind: 'breath' });
      } else if ((event.key === ' ' || event.key === 'Enter') && !focusedButton && customer?.isTyping) {
        event.preventDefault();
        customer.skip();
      }
    };
    window.addEventListener('keydown', onKey);
    this.cleanups.push(() => window.removeEventListener('keydown', onKey));
  }

  private get reducedMotion(): boolean {
    return prefersReducedMotion();
  }
}
