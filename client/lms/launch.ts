import type { TFunction } from 'i18next';
import { decisionTextId, type Choice, type Scenario } from '../../src/index.ts';
import type { RecordStore } from '../records/store.ts';
import { findApi, scormRuntime, type ScormVersion } from './api.ts';
import { ELEMENTS, isRecordingMode, lmsPassMark } from './cmi.ts';
import { ScormReporter } from './reporter.ts';
import { decodeSuspendData } from './suspend.ts';

/** Where the game starts inside the LMS: the SCO's scenario, and for a suspended conversation its seed and the choices made so far. */
export interface LmsLaunch {
  scenarioId: string;
  seed?: number;
  prefix?: Choice[];
}

export interface LmsServices {
  /** The game's attempts, which the reporter follows. */
  records: Pick<RecordStore, 'watch'>;
  loadScenario(id: string): Promise<Scenario>;
  t: TFunction;
  now?: () => number;
}

/** Used only for a launch URL written by hand: the packages always carry their pass mark. */
const FALLBACK_PASS = 70;

const VERSIONS: Record<string, ScormVersion[]> = { scorm12: ['1.2'], scorm2004: ['2004'] };

/**
 * The SCO side of a SCORM launch (`?scenario=<id>&lms=scorm12|scorm2004&pass=<n>`, as the
 * package's manifest writes it). Loaded on demand for such a URL only, so the game's first chunk
 * never carries it. Finds the LMS's API, initialises it, resumes a suspended conversation and
 * reports everything after; with no LMS around (the package opened by hand) the scenario plays
 * unreported.
 */
export async function connectLms(params: URLSearchParams, services: LmsServices): Promise<LmsLaunch | undefined> {
  const scenarioId = params.get('scenario');
  if (scenarioId === null) return undefined;
  const versions = VERSIONS[params.get('lms') ?? ''] ?? ['2004', '1.2'];
  const version = versions.find((candidate) => findApi(candidate) !== undefined);
  if (!version) {
    console.warn('No SCORM API found in the windows above this one: the scenario plays, but nothing is reported to an LMS.');
    return { scenarioId };
  }
  const runtime = scormRuntime(version, findApi(version));
  if (!runtime.initialize()) {
    console.warn(`The LMS refused to initialise (error ${runtime.lastError()}): nothing is reported.`);
    return { scenarioId };
  }
  if (!isRecordingMode(runtime.get(ELEMENTS[version].mode))) {
    window.addEventListener('pagehide', () => runtime.finish());
    return { scenarioId };
  }
  const scenario = await services.loadScenario(scenarioId);
  const urlPass = Number(params.get('pass'));
  const pass = lmsPassMark(version, runtime.get(ELEMENTS[version].mastery)) ?? (params.has('pass') && urlPass >= 0 && urlPass <= 100 ? urlPass : FALLBACK_PASS);
  const { t } = services;
  const reporter = new ScormReporter({
    runtime,
    scenarioId,
    pass,
    now: services.now ?? (() => performance.timeOrigin + performance.now()),
    describe: {
      said: (played, decision) => {
        const said = decisionTextId(played.id, decision.node, decision.choice);
        return t(said.key, { ns: said.ns });
      },
      skill: (skill) => t(`skills.${skill}`),
    },
  });
  // The game plays one attempt at a time; decisions of any other are not this one's.
  let current: string | undefined;
  services.records.watch({
    begun: (attemptId, start) => {
      current = attemptId;
      reporter.begun(start);
    },
    decided: (attemptId, decision, outcome) => {
      if (attemptId === current) reporter.decided(decision, outcome);
    },
  });
  // A closed window or the LMS moving on: commit what there is, marked for resuming.
  window.addEventListener('pagehide', () => reporter.leaving());

  const suspended = runtime.get(ELEMENTS[version].entry) === 'ab-initio' ? undefined : decodeSuspendData(scenario, runtime.get('cmi.suspend_data'));
  return suspended ? { scenarioId, seed: suspended.seed, prefix: suspended.choices } : { scenarioId };
}
