/**
 * The LMS's SCORM API object, found by the standard's own search, behind one small interface for
 * both versions. SCORM 1.2 names it `API` (LMSInitialize, LMSGetValue…), SCORM 2004 `API_1484_11`
 * (Initialize, GetValue…); both take and return strings, "true" and "false" included.
 */

export type ScormVersion = '1.2' | '2004';

interface Scorm12Api {
  LMSInitialize(parameter: ''): string;
  LMSFinish(parameter: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(parameter: ''): string;
  LMSGetLastError(): string;
}

interface Scorm2004Api {
  Initialize(parameter: ''): string;
  Terminate(parameter: ''): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(parameter: ''): string;
  GetLastError(): string;
}

/** What the reporter calls, the same for both versions; element names differ and are the dialect's business (cmi.ts). */
export interface ScormRuntime {
  readonly version: ScormVersion;
  initialize(): boolean;
  get(element: string): string;
  /** False when the LMS refused the value; `lastError` says why (the standard's error code). */
  set(element: string, value: string): boolean;
  commit(): boolean;
  finish(): boolean;
  lastError(): string;
}

const API_NAMES: Record<ScormVersion, string> = { '1.2': 'API', '2004': 'API_1484_11' };
/** ADL's limits on how far up the frames to look: 7 for SCORM 1.2's sample code, 500 for SCORM 2004's. */
const MAX_PARENTS: Record<ScormVersion, number> = { '1.2': 7, '2004': 500 };

/** The named object in `start` or the nearest parent frame holding it; a frame of another origin ends the search. */
function searchUp(start: Window, name: string, limit: number): unknown {
  let current = start;
  try {
    for (let steps = 0; steps <= limit; steps++) {
      const found = (current as unknown as Record<string, unknown>)[name];
      if (found) return found;
      if (current.parent === current) return undefined;
      current = current.parent;
    }
  } catch {
    // Reading a cross-origin frame throws: the LMS is not above us.
  }
  return undefined;
}

/** The standard's discovery: this window and its parents, then the window that opened it and its parents. */
export function findApi(version: ScormVersion, from: Window = window): unknown {
  const name = API_NAMES[version];
  const inFrames = searchUp(from, name, MAX_PARENTS[version]);
  if (inFrames) return inFrames;
  let opener: Window | null = null;
  try {
    opener = from.opener as Window | null;
  } catch {
    opener = null;
  }
  return opener ? searchUp(opener, name, MAX_PARENTS[version]) : undefined;
}

const isTrue = (answer: unknown) => String(answer) === 'true';

export function scormRuntime(version: ScormVersion, api: unknown): ScormRuntime {
  if (version === '1.2') {
    const lms = api as Scorm12Api;
    return {
      version,
      initialize: () => isTrue(lms.LMSInitialize('')),
      get: (element) => String(lms.LMSGetValue(element) ?? ''),
      set: (element, value) => isTrue(lms.LMSSetValue(element, value)),
      commit: () => isTrue(lms.LMSCommit('')),
      finish: () => isTrue(lms.LMSFinish('')),
      lastError: () => String(lms.LMSGetLastError()),
    };
  }
  const lms = api as Scorm2004Api;
  return {
    version,
    initialize: () => isTrue(lms.Initialize('')),
    get: (element) => String(lms.GetValue(element) ?? ''),
    set: (element, value) => isTrue(lms.SetValue(element, value)),
    commit: () => isTrue(lms.Commit('')),
    finish: () => isTrue(lms.Terminate('')),
    lastError: () => String(lms.GetLastError()),
  };
}
