import type { Scenario, ScenarioRef } from '../../../src/index.ts';
import type { ScenarioBook } from '../../parts/scenarioBook.ts';

/**
 * The scenario a snapshot names, for a screen that redraws on every snapshot: undefined until it
 * has loaded (with its text), then `loaded` is called once so the screen draws it.
 */
export class ScenarioSource {
  private readonly asked = new Set<string>();

  constructor(
    readonly book: ScenarioBook,
    private readonly loaded: () => void,
  ) {}

  get(ref: Pick<ScenarioRef, 'id'> | null): Scenario | undefined {
    if (!ref) return undefined;
    const ready = this.book.loadedScenarios().get(ref.id);
    if (ready) return ready;
    if (!this.asked.has(ref.id)) {
      this.asked.add(ref.id);
      void this.book.load(ref.id).then((scenario) => scenario && this.loaded());
    }
    return undefined;
  }
}
