import { entryUrl, reconcile, retryDelayMs, verdict, type ServerAttempt, type StopReason } from './answers.ts';
import type { OutboxEntry } from './outbox.ts';
import type { RecordStore, SyncProblem } from '../records/store.ts';

/**
 * Sends the outbox to the team server: strictly in order, one request at a time, each entry as it
 * was queued. An acknowledged entry leaves the queue; no answer means try again later (sooner when
 * the browser comes back online); a refusal stops that attempt's queue and keeps its entries.
 * One tab of the origin sends at a time (a Web Lock), the others wake it when they queue something.
 * Loaded on demand, and only where the page says a team server serves it.
 */

const LOCK = 'hold-the-line.sync';
const CHANNEL = 'hold-the-line.sync';

const PROBLEM_OF: Record<StopReason, SyncProblem> = { refused: 'syncRefused', signedOut: 'syncSignedOut', diverged: 'syncDiverged' };

export interface SenderOptions {
  store: Pick<RecordStore, 'outbox' | 'acknowledge' | 'reportSync'>;
  /** The team server's id of the trainee signed in now; only their entries are sent (under their session). */
  traineeId: () => string | undefined;
  /** The server no longer knows this device's session (401): nobody is signed in here now. */
  onSignedOut?: () => void;
  fetch?: typeof fetch;
}

export class OutboxSender {
  private readonly fetch: typeof fetch;
  /** Attempts whose queue stopped in this tab, with why. */
  private readonly stopped = new Map<string, StopReason>();
  private failures = 0;
  private wake: (() => void) | undefined;
  private readonly channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined;

  constructor(private readonly options: SenderOptions) {
    this.fetch = options.fetch ?? window.fetch.bind(window);
  }

  /** Sends for as long as the tab is open, once this tab holds the lock (at once, where there are no Web Locks). */
  start(): void {
    this.channel?.addEventListener('message', () => this.poke());
    window.addEventListener('online', () => {
      this.failures = 0;
      this.poke();
    });
    const locks = navigator.locks as LockManager | undefined;
    if (locks) locks.request(LOCK, () => this.run()).catch(() => undefined);
    else void this.run();
  }

  /** Something was queued (here or, through the channel, in another tab), or the trainee changed: send now. */
  queued(): void {
    this.channel?.postMessage('queued');
    this.poke();
  }

  /** A new sign-in: what stopped for the last session may go through for this one. */
  signedIn(): void {
    this.stopped.clear();
    this.report();
    this.queued();
  }

  private poke(): void {
    this.failures = 0;
    this.wake?.();
  }

  private async run(): Promise<never> {
    for (;;) {
      const delay = (await this.drain()) ? undefined : retryDelayMs(++this.failures);
      await new Promise<void>((resolve) => {
        const timer = delay === undefined ? undefined : setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Sends until the queue holds nothing this trainee can send; false when the server did not answer. */
  private async drain(): Promise<boolean> {
    for (;;) {
      const traineeId = this.options.traineeId();
      if (!traineeId) return true;
      const entries = await this.options.store.outbox();
      const next = entries.find((entry) => entry.traineeId === traineeId && !this.stopped.has(entry.attemptId));
      if (next?.seq === undefined) return true;
      const status = await this.send(entryUrl(next), 'POST', next.body);
      const meant = verdict(next, status.code);
      if (meant.action === 'retry') return false;
      this.failures = 0;
      if (meant.action === 'sent') await this.options.store.acknowledge([next.seq]);
      else if (meant.action === 'stop') this.stop(next, meant.reason, entries);
      else await this.reconcile(next, entries);
    }
  }

  /** After a 409: drop what the server provably has; stop if the two copies disagree. */
  private async reconcile(entry: OutboxEntry, entries: OutboxEntry[]): Promise<void> {
    const answer = await this.send(`/api/attempts/${entry.attemptId}`, 'GET');
    if (answer.code !== 200) {
      const meant = verdict(entry, answer.code);
      if (meant.action === 'stop') this.stop(entry, meant.reason, entries);
      return; // no answer: the next round asks again
    }
    const queued = entries.filter((each) => each.attemptId === entry.attemptId);
    const { acknowledged, problem } = reconcile(queued, answer.body as ServerAttempt);
    if (acknowledged.length > 0) await this.options.store.acknowledge(acknowledged);
    if (problem) this.stop(entry, problem, entries);
  }

  private stop(entry: OutboxEntry, reason: StopReason, entries: OutboxEntry[]): void {
    // A session the server no longer knows stops every attempt of that trainee, not just this one.
    const attempts = reason === 'signedOut' ? entries.filter((each) => each.traineeId === entry.traineeId).map((each) => each.attemptId) : [entry.attemptId];
    for (const attempt of attempts) this.stopped.set(attempt, reason);
    this.report();
    if (reason === 'signedOut') this.options.onSignedOut?.();
  }

  private report(): void {
    for (const [reason, problem] of Object.entries(PROBLEM_OF) as [StopReason, SyncProblem][]) {
      this.options.store.reportSync(problem, [...this.stopped.values()].filter((each) => each === reason).length);
    }
  }

  /** One request; status 0 when there was no answer. */
  private async send(url: string, method: 'GET' | 'POST', body?: unknown): Promise<{ code: number; body?: unknown }> {
    try {
      const response = await this.fetch(url, {
        method,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return { code: response.status, body: response.ok ? await response.json().catch(() => undefined) : undefined };
    } catch {
      return { code: 0 };
    }
  }
}
