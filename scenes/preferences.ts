import { parsePreferences, PREFERENCES_KEY, type Preferences } from '../src/index.ts';

export type StorageProblem = 'recovered' | 'unsaved';

/**
 * Preferences kept in localStorage. Reading never fails (corrupt data falls back to defaults),
 * writing never throws (full or blocked storage keeps the values for this tab), and either
 * problem is reported once so the menu can say so.
 */
export class PreferencesStore {
  private value: Preferences;
  readonly problems: StorageProblem[] = [];

  constructor(private readonly storage: Storage | undefined = safeLocalStorage()) {
    let stored: string | null = null;
    try {
      stored = this.storage?.getItem(PREFERENCES_KEY) ?? null;
    } catch {
      this.problems.push('unsaved');
    }
    const { preferences, recovered } = parsePreferences(stored);
    this.value = preferences;
    if (recovered) this.problems.push('recovered');
  }

  get current(): Preferences {
    return this.value;
  }

  update(change: (current: Preferences) => Preferences): void {
    this.value = change(this.value);
    try {
      this.storage?.setItem(PREFERENCES_KEY, JSON.stringify(this.value));
    } catch {
      if (!this.problems.includes('unsaved')) this.problems.push('unsaved');
    }
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
