import { scoreChoices, type Choice, type Decision, type DecisionReview, type Outcome, type Scenario, type XapiStatement } from '../../src/index.ts';
import { Cmi5Error, type Cmi5Client } from './cmi5Client.ts';
import { passes } from './cmi5Params.ts';
import { decisionAllowedStatement, definedStatement, type Cmi5Session, type DefinedVerb } from './cmi5Statements.ts';
import type { LmsReporter } from './reporter.ts';

export type DeliveryState = { kind: 'ok' } | { kind: 'retrying' | 'refused'; detail: string };

export interface Cmi5ReporterOptions {
  session: Cmi5Session;
  client: Pick<Cmi5Client, 'put'>;
  /** The AU's scenario: attempts of any other (played from the menu) are not this AU's. */
  scenarioId: string;
  /** Normal launch mode: completed, passed or failed and the decisions are sent; Browse and Review send initialized and terminated only. */
  recording: boolean;
  /** The mastery score (0–1) to judge against, when this session judges. */
  mastery?: number;
  /** What this registration already holds (a relaunch after an ending): cmi5 allows one completed and one passed per registration. */
  already: { completed: boolean; passed: boolean };
  now: () => number;
  /** Told when delivery starts failing, is refused, or works again. */
  onDelivery?: (state: DeliveryState) => void;
  /** Told once terminated was sent (or given up on). */
  onTerminated?: () => void;
  /** Waits between tries of a statement that did not get through. */
  retryMs?: (tries: number) => number;
}

interface Attempt {
  id: string;
  scenario: Scenario;
  choices: Choice[];
}

/**
 * One cmi5 session (docs/lms.md): initialized when the AU is ready, each decision as the profile's
 * allowed statement, at the end of the conversation completed and (when judged) passed or failed
 * from the core's scoring, then terminated; a window closing mid-conversation sends terminated
 * alone. Statements go out one at a time in order, each retried until it is stored, with
 * timestamps strictly increasing so that the LMS's order by timestamp is the order sent.
 */
export class Cmi5Reporter implements LmsReporter {
  private readonly initializedAt: number;
  private attempt: Attempt | undefined;
  private terminated = false;
  private lastTimestamp = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: Cmi5ReporterOptions) {
    this.initializedAt = options.now();
    this.enqueue(this.defined('initialized', this.initializedAt));
  }

  /** Every statement sent so far has been stored (or refused for good). */
  get settled(): Promise<void> {
    return this.queue;
  }

  begun({ scenario, choices, attemptId }: { scenario: Scenario; seed: number; choices: readonly Choice[]; attemptId?: string }): void {
    if (this.terminated || scenario.id !== this.options.scenarioId) return;
    this.attempt = { id: attemptId ?? this.options.session.sessionKey, scenario, choices: [...choices] };
  }

  decided(decision: Decision, outcome: Outcome | null): void {
    const attempt = this.attempt;
    if (this.terminated || !attempt) return;
    attempt.choices.push(decision.choice);
    if (!this.options.recording) {
      if (outcome !== null) this.terminate();
      return;
    }
    const scored = scoreChoices(attempt.scenario, attempt.choices);
    // The game only ever passes moves the rules accepted.
    if (!scored.ok) throw new Error(scored.error);
    const review = scored.report.decisions[attempt.choices.length - 1] as DecisionReview;
    this.enqueue(decisionAllowedStatement(this.options.session, attempt, decision, review));
    if (outcome === null) return;

    const { already, mastery } = this.options;
    const endedAt = this.options.now();
    const durationMs = endedAt - this.initializedAt;
    if (!already.completed) this.enqueue(this.defined('completed', endedAt, { durationMs }));
    if (mastery !== undefined) {
      const passed = passes(scored.report.overall, mastery);
      // Passed once per registration, and never failed after passed (9.3).
      if (!already.passed) this.enqueue(this.defined(passed ? 'passed' : 'failed', endedAt, { durationMs, judged: { report: scored.report, mastery, passed } }));
    }
    this.terminate();
  }

  /** The window is going: terminated, sent so that it outlives the page. */
  leaving(): void {
    this.terminate(true);
  }

  private terminate(keepalive = false): void {
    if (this.terminated) return;
    this.terminated = true;
    const at = this.options.now();
    this.enqueue(this.defined('terminated', at, { durationMs: at - this.initializedAt }), keepalive);
    void this.queue.then(() => this.options.onTerminated?.());
  }

  private defined(name: DefinedVerb, at: number, facts?: Parameters<typeof definedStatement>[3]): XapiStatement {
    return definedStatement(this.options.session, name, at, facts);
  }

  private enqueue(statement: XapiStatement, keepalive = false): void {
    const at = Math.max(Date.parse(statement.timestamp), this.lastTimestamp + 1);
    this.lastTimestamp = at;
    const stamped = { ...statement, timestamp: new Date(at).toISOString() };
    this.queue = this.queue.then(() => this.deliver(stamped, keepalive));
  }

  private async deliver(statement: XapiStatement, keepalive: boolean): Promise<void> {
    const { onDelivery, retryMs = (tries) => Math.min(10_000, 500 * 2 ** tries) } = this.options;
    for (let tries = 0; ; tries++) {
      try {
        await this.options.client.put(statement, { keepalive });
        if (tries > 0) onDelivery?.({ kind: 'ok' });
        return;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        // Refused for good (credentials, or a statement the LMS will not take): the rest may still go.
        if (!(error instanceof Cmi5Error && error.transient) || keepalive) {
          onDelivery?.({ kind: 'refused', detail });
          return;
        }
        if (tries === 0) onDelivery?.({ kind: 'retrying', detail });
        await new Promise((resolve) => setTimeout(resolve, retryMs(tries)));
      }
    }
  }
}
