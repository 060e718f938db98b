import { performance } from 'node:perf_hooks';
import { loadLibrary } from '../../../server/library.ts';
import { createRandom } from '../../../src/random.ts';
import { simulate, type Choice } from '../../../src/index.ts';

/** One planned playthrough: a scenario version, a seed and the random legal moves it will send. */
export interface Plan {
  scenario: string;
  hash: string;
  seed: number;
  choices: Choice[];
}

/** Playthroughs of random legal moves across the library, planned before the clock starts. */
export function planPlaythroughs(count: number): Plan[] {
  const library = loadLibrary();
  const random = createRandom(11);
  return Array.from({ length: count }, (_, index) => {
    const { hash, scenario } = library[index % library.length] as (typeof library)[number];
    const seed = index + 1;
    const end = simulate(scenario, (choices) => choices[Math.floor(random() * choices.length)] as Choice, { seed });
    return { scenario: scenario.id, hash, seed, choices: end.decisions.map((decision) => decision.choice) };
  });
}

/** What one timed run heard: decisions stored (201) with their latencies, and anything unexpected. */
export class Tally {
  recorded = 0;
  readonly failed = new Map<string, number>();
  readonly latenciesMs: number[] = [];
  private readonly started = performance.now();
  private ended = NaN;

  stop() {
    this.ended = performance.now();
  }

  summary() {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    const at = (share: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? NaN);
    return {
      decisionsPerSecond: Math.round((this.recorded * 1000) / (this.ended - this.started)),
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: round(sorted.at(-1) ?? NaN),
      decisions: this.recorded,
      failed: Object.fromEntries(this.failed),
    };
  }
}

const round = (value: number) => Number(value.toFixed(1));

export interface BenchRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * One trainee playing attempts one after another: each request is the valid next decision of the
 * current attempt, or the start of a new attempt once one ends. `request` only reads the state (a
 * load generator may build a request before it sends it); `heard` moves on once the server answered.
 */
export class Player {
  private attempt = crypto.randomUUID();
  private startedAt = Date.now();
  private started = false;
  private next = 0;
  /** Attempt id → decisions the server acknowledged, for the check afterwards. */
  readonly acknowledged = new Map<string, number>();

  constructor(
    readonly cookie: string,
    private readonly plans: Plan[],
    private plan: Plan,
  ) {}

  /** Whether the next request is a decision (rather than the start of an attempt). */
  get deciding() {
    return this.started;
  }

  request(): BenchRequest {
    const headers = { 'content-type': 'application/json', cookie: this.cookie };
    if (!this.started) {
      const body = { id: this.attempt, scenario: this.plan.scenario, scenarioHash: this.plan.hash, seed: this.plan.seed, language: 'en', startedAt: this.startedAt };
      return { method: 'POST', path: '/api/attempts', headers, body: JSON.stringify(body) };
    }
    const body = { index: this.next, id: decisionId(this.attempt, this.next), choice: this.plan.choices[this.next], at: Date.now() };
    return { method: 'POST', path: `/api/attempts/${this.attempt}/decisions`, headers, body: JSON.stringify(body) };
  }

  heard(status: number, latencyMs: number, tally: Tally) {
    // 200 answers a resend: a request cut off at the end of the previous run was stored without its answer read.
    if (status !== 201 && status !== 200) {
      const what = `${this.started ? 'decision' : 'attempt'} ${status}`;
      tally.failed.set(what, (tally.failed.get(what) ?? 0) + 1);
      return this.newAttempt();
    }
    if (!this.started) {
      this.started = true;
      this.acknowledged.set(this.attempt, 0);
      return;
    }
    if (status === 201) {
      tally.latenciesMs.push(latencyMs);
      tally.recorded++;
    }
    this.next++;
    this.acknowledged.set(this.attempt, this.next);
    if (this.next === this.plan.choices.length) this.newAttempt();
  }

  private newAttempt() {
    this.attempt = crypto.randomUUID();
    this.startedAt = Date.now();
    this.plan = this.plans[Math.floor(Math.random() * this.plans.length)] as Plan;
    this.started = false;
    this.next = 0;
  }
}

/** The same decision id on a resend, as the game keeps it; derived, so building a request twice changes nothing. */
const decisionId = (attempt: string, index: number) => `${attempt.slice(0, 24)}${index.toString(16).padStart(12, '0')}`;
