import {
  assembleAttempt,
  checkAttemptReplay,
  decisionRecord,
  newAttemptRecord,
  newProfileRecord,
  readAttemptRecord,
  readProfileRecord,
  withDecision,
  type AttemptRecord,
  type Decision,
  type DecisionRecord,
  type Outcome,
  type ProfileRecord,
  type Scenario,
} from '../../src/index.ts';
import { attemptEntry, decisionEntry, type OutboxEntry, type TeamAttempt } from '../sync/outbox.ts';
import { attemptLetGo, attemptsInPlay, holdAttempt } from './attemptLocks.ts';
import type { RecordsDatabase } from './database.ts';

export type { AttemptBeginning, AttemptWatcher, RecordsProblem, Resumable, SyncProblem } from './types.ts';
import type { AttemptBeginning, AttemptWatcher, RecordsProblem, Resumable, SyncProblem } from './types.ts';

/** The attempt as this tab knows it: always complete, whatever reached the database. */
interface Kept {
  record: AttemptRecord;
  decisions: DecisionRecord[];
  /** Decisions the database has. */
  saved: number;
  /** Set for an attempt played signed in to a team server: each write also queues what the server lacks. */
  team?: TeamAttempt;
  /** Whether the attempt itself is queued for the server (with its first write). */
  teamQueued?: boolean;
}

export interface RecordStoreOptions {
  indexedDB: () => IDBFactory | undefined;
  /** Attempt and profile ids. */
  ids: () => string;
  now: () => number;
  /** How long opening may take before the game goes on without records (another tab may be blocking an upgrade). */
  openTimeoutMs?: number;
  /**
   * The team server's id of the trainee signed in on this device, and the version name (hash) of
   * a scenario as the game plays it; an attempt begun while both are known is queued for the server.
   */
  team?: { traineeId: () => string | undefined; scenarioHash: (scenario: Scenario) => string | undefined; onQueued: () => void };
}

/**
 * Trainee records in the browser. Every attempt is kept in memory for the tab and written through
 * to IndexedDB one decision at a time, in order; a refused write is retried with the next one, so
 * nothing the tab holds is lost while it stays open. Stored records are read back through the pure
 * checks in src/records: one that fails them is skipped, counted and left where it is.
 */
export class RecordStore {
  private db: RecordsDatabase | undefined;
  private readonly problemCounts = new Map<RecordsProblem, number>();
  private readonly listeners = new Set<() => void>();
  /** Database work so far; the database is opened by the first task, so nothing loads before records are needed. */
  private queue: Promise<unknown> | undefined;
  private readonly kept = new Map<string, Kept>();
  /** Profile ids by name, for this tab; those not yet in the database too. */
  private readonly profiles = new Map<string, ProfileRecord>();
  private readonly unsavedProfiles = new Set<ProfileRecord>();
  private readonly watchers = new Set<AttemptWatcher>();

  constructor(private readonly options: RecordStoreOptions) {}

  private async open(): Promise<void> {
    let indexedDB: IDBFactory | undefined;
    try {
      indexedDB = this.options.indexedDB();
    } catch {
      indexedDB = undefined; // a browser that throws on merely asking (some private modes)
    }
    try {
      const { openRecordsDatabase } = await import('./database.ts');
      const result = await openRecordsDatabase(indexedDB, this.options.openTimeoutMs ?? 3000);
      if (result.ok) this.db = result.db;
      else this.flag(result.problem);
    } catch {
      this.flag('unavailable'); // the database code itself could not load
    }
  }

  /** Current problems; `skipped` and `newerRecords` with how many records. */
  get problems(): { problem: RecordsProblem; count: number }[] {
    return [...this.problemCounts].map(([problem, count]) => ({ problem, count }));
  }

  /** Called whenever the problems change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private flag(problem: RecordsProblem, count = 1): void {
    if (this.problemCounts.get(problem) === count) return;
    if (count === 0) this.problemCounts.delete(problem);
    else this.problemCounts.set(problem, count);
    this.listeners.forEach((listener) => listener());
  }

  /** Returns the unsubscribe. */
  watch(watcher: AttemptWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Database work runs one task at a time, in the order asked, after opening; a failed task does not stop the next. */
  private run<T>(task: () => Promise<T>): Promise<T> {
    this.queue ??= this.open();
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Starts recording a new attempt; its first write (with a replayed prefix, if any) is already queued. */
  begin(start: AttemptBeginning): AttemptRecorder {
    const id = this.options.ids();
    const { scenario } = start;
    const kept: Kept = {
      record: newAttemptRecord(id, {
        profileId: '',
        scenario: scenario.id,
        scenarioVersion: scenario.version,
        language: start.language,
        trainee: start.trainee,
        seed: start.seed,
        startedAt: start.startedAt,
        replayedPrefix: start.prefix.length,
      }),
      // Replayed decisions were made now, as far as this attempt is concerned.
      decisions: start.prefix.map((decision, index) => decisionRecord(id, index, { ...decision, at: start.startedAt })),
      saved: 0,
      team: this.teamAttempt(id, scenario),
    };
    this.kept.set(id, kept);
    this.watchers.forEach((watcher) => watcher.begun(id, { scenario, seed: start.seed, choices: start.prefix.map((decision) => decision.choice) }));
    const ready = this.run(async () => {
      kept.record = { ...kept.record, profileId: (await this.profile(start.trainee)).id };
      return this.flush(kept);
    });
    return new AttemptRecorder(this, id, ready, holdAttempt(id));
  }

  private teamAttempt(attemptId: string, scenario: Scenario): TeamAttempt | undefined {
    const traineeId = this.options.team?.traineeId();
    const scenarioHash = this.options.team?.scenarioHash(scenario);
    return traineeId && scenarioHash ? { attemptId, traineeId, scenarioHash } : undefined;
  }

  /** Carries on recording an attempt the menu offered to resume. */
  resume(resumable: Resumable): AttemptRecorder {
    const { record } = resumable;
    let kept = this.kept.get(record.id);
    if (!kept) {
      const decisions = resumable.attempt.decisions.map((decision, index) => decisionRecord(record.id, index, decision));
      const resumed: Kept = { record, decisions, saved: this.db ? decisions.length : 0 };
      kept = resumed;
      this.kept.set(record.id, kept);
      // Before its next write: an attempt played signed in goes on being queued for the server, as whoever played it.
      void this.run(async () => {
        resumed.team = await this.db?.teamAttempts.get(record.id);
        resumed.teamQueued = resumed.team !== undefined;
      }).catch(() => this.flag('failed'));
    }
    this.watchers.forEach((watcher) => watcher.begun(record.id, { scenario: resumable.scenario, seed: record.seed, choices: resumable.choices }));
    return new AttemptRecorder(this, record.id, Promise.resolve(this.db !== undefined && kept.saved >= kept.decisions.length), holdAttempt(record.id));
  }

  /** Records decision `index` (and the outcome, if it ended the conversation); resolves to whether it reached the database. */
  decide(attemptId: string, index: number, decision: Decision, outcome: Outcome | null): Promise<boolean> {
    this.watchers.forEach((watcher) => watcher.decided(attemptId, decision, outcome));
    const kept = this.kept.get(attemptId);
    if (!kept) return Promise.resolve(false);
    kept.decisions[index] = decisionRecord(attemptId, index, decision);
    kept.decisions.length = index + 1;
    kept.record = withDecision(kept.record, index, this.options.now(), outcome);
    return this.run(() => this.flush(kept));
  }

  /** Writes what the database lacks of an attempt (and any profile it lacks) in one transaction. */
  private async flush(kept: Kept): Promise<boolean> {
    const db = this.db;
    if (!db) return false;
    const count = kept.decisions.length;
    const profiles = [...this.unsavedProfiles];
    const queued = this.forTeam(kept, count);
    try {
      // One transaction: a decision is recorded and queued for the server, or neither.
      await db.transaction('rw', [db.profiles, db.attempts, db.decisions, db.outbox, db.teamAttempts], async () => {
        if (profiles.length > 0) await db.profiles.bulkPut(profiles);
        await db.attempts.put(kept.record);
        if (count > kept.saved) await db.decisions.bulkPut(kept.decisions.slice(kept.saved, count));
        if (kept.team && !kept.teamQueued) await db.teamAttempts.put(kept.team);
        if (queued.length > 0) await db.outbox.bulkAdd(queued);
      });
    } catch (error) {
      const { isQuotaError } = await import('./database.ts');
      this.flag(isQuotaError(error) ? 'full' : 'failed');
      return false;
    }
    profiles.forEach((profile) => this.unsavedProfiles.delete(profile));
    kept.saved = Math.max(kept.saved, count);
    if (kept.team) kept.teamQueued = true;
    if (queued.length > 0) this.options.team?.onQueued();
    // A finished attempt the database holds in full is the database's now; the tab need not keep it.
    if (kept.record.status === 'ended' && kept.saved >= kept.decisions.length) this.kept.delete(kept.record.id);
    // Everything this tab holds is stored again: the earlier message no longer applies.
    if ([...this.kept.values()].every((each) => each.saved >= each.decisions.length)) {
      this.flag('full', 0);
      this.flag('failed', 0);
    }
    return true;
  }

  /** What a write of an attempt's first `count` decisions adds to the outbox: the attempt (first time), then each new decision with a fresh id. */
  private forTeam(kept: Kept, count: number): OutboxEntry[] {
    const { team } = kept;
    if (!team) return [];
    const entries = kept.teamQueued ? [] : [attemptEntry(team, kept.record)];
    for (let index = kept.saved; index < count; index++) entries.push(decisionEntry(team, kept.decisions[index] as DecisionRecord, this.options.ids()));
    return entries;
  }

  /** Everything waiting for the team server, oldest first (after every write asked for so far). */
  outbox(): Promise<OutboxEntry[]> {
    return this.run(async () => (this.db ? await this.db.outbox.orderBy('seq').toArray() : []));
  }

  /** Drops entries the server has acknowledged. */
  acknowledge(seqs: readonly number[]): Promise<void> {
    return this.run(async () => {
      await this.db?.outbox.bulkDelete([...seqs]);
    });
  }

  /** What the sender could not deliver, as notices on the menu and in a conversation; 0 clears one. */
  reportSync(problem: SyncProblem, attempts: number): void {
    this.flag(problem, attempts);
  }

  /** The profile for a name: this tab's, the database's, or a new one (saved with the next write). */
  private async profile(name: string): Promise<ProfileRecord> {
    const known = this.profiles.get(name) ?? (await this.storedProfile(name));
    if (known) {
      this.profiles.set(name, known);
      return known;
    }
    const created = newProfileRecord(this.options.ids(), name, this.options.now());
    this.profiles.set(name, created);
    this.unsavedProfiles.add(created);
    return created;
  }

  private async storedProfile(name: string): Promise<ProfileRecord | undefined> {
    if (!this.db) return undefined;
    try {
      const rows: unknown[] = await this.db.profiles.where('name').equals(name).toArray();
      // The first readable one; an unreadable profile is left alone.
      for (const row of rows) {
        const read = readProfileRecord(row);
        if (read.ok) return read.record;
      }
    } catch {
      this.flag('failed');
    }
    return undefined;
  }

  /**
   * Unfinished attempts of the trainee with this name that can be resumed, most recent first: for
   * each scenario, its latest attempt if it is open and has a decision. Each is read through the
   * record checks and replayed against the scenario as it is now; one that fails is skipped and
   * counted, never changed or deleted.
   */
  /** Resolves when an attempt another tab is playing now is let go, so it can be offered to resume; `stop` abandons the wait. */
  whenPlayElsewhereEnds(stop: AbortSignal): Promise<void> {
    return attemptLetGo(stop);
  }

  async resumable(trainee: string, loadScenario: (id: string) => Promise<Scenario | undefined>): Promise<Resumable[]> {
    await this.run(async () => undefined); // after opening and every write asked for so far
    const profile = this.profiles.get(trainee) ?? (await this.storedProfile(trainee));
    if (!profile) return [];
    let skipped = 0;
    let newer = 0;
    const note = (problem: 'corrupt' | 'edited' | 'newer') => (problem === 'newer' ? newer++ : skipped++);

    const stored = new Map<string, { record: AttemptRecord; decisions?: readonly unknown[] }>();
    if (this.db) {
      try {
        const rows: unknown[] = await this.db.attempts.where('profileId').equals(profile.id).toArray();
        for (const row of rows) {
          const read = readAttemptRecord(row);
          if (read.ok) stored.set(read.record.id, { record: read.record });
          else note(read.problem);
        }
      } catch {
        this.flag('failed');
      }
    }
    // This tab's own attempts are at least as current as the database's copy of them.
    for (const [id, kept] of this.kept) if (kept.record.profileId === profile.id) stored.set(id, { record: kept.record, decisions: kept.decisions });

    const latest = new Map<string, AttemptRecord>();
    for (const { record } of stored.values()) {
      const before = latest.get(record.scenario);
      if (!before || record.startedAt > before.startedAt) latest.set(record.scenario, record);
    }
    // An attempt being played in another tab is that tab's: resuming it here too would fork it.
    const playing = await attemptsInPlay();
    const candidates = [...latest.values()].filter((record) => record.status === 'open' && record.decisionCount > record.replayedPrefix && !playing.has(record.id));

    const found: Resumable[] = [];
    let changed = 0;
    for (const record of candidates) {
      let decisions = stored.get(record.id)?.decisions;
      if (!decisions && this.db) {
        try {
          decisions = await this.db.decisions.where('attemptId').equals(record.id).toArray();
        } catch {
          this.flag('failed');
          continue;
        }
      }
      const assembled = assembleAttempt(record, decisions ?? []);
      if (!assembled.ok) {
        note(assembled.problem);
        continue;
      }
      const scenario = await loadScenario(record.scenario);
      if (!scenario) {
        changed++;
        continue;
      }
      const { attempt } = assembled.record;
      const replay = checkAttemptReplay(scenario, attempt);
      if (replay.ok) found.push({ record, scenario, attempt, state: replay.state, choices: replay.choices });
      else if (replay.problem === 'scenarioChanged') changed++;
      else note(replay.problem);
    }
    this.flag('skipped', skipped);
    this.flag('newerRecords', newer);
    this.flag('scenarioChanged', changed);
    return found.sort((a, b) => b.record.updatedAt - a.record.updatedAt);
  }
}

/** One attempt being recorded: the scene reports each decision as it is made. */
export class AttemptRecorder {
  constructor(
    private readonly store: RecordStore,
    readonly id: string,
    /** Resolves when the attempt's first write is done (true if it reached the database). */
    readonly started: Promise<boolean>,
    /** Lets other tabs offer the attempt again (the scene calls it when it closes; a closed tab lets go by itself). */
    readonly release: () => void,
  ) {}

  decide(index: number, decision: Decision, outcome: Outcome | null): Promise<boolean> {
    return this.store.decide(this.id, index, decision, outcome);
  }
}
