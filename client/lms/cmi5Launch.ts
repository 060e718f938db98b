import { cmi5Client, Cmi5Error, type Cmi5Client } from './cmi5Client.ts';
import { cmi5Notice, type Cmi5Notice } from './cmi5Notice.ts';
import { judging, parseLaunchData, parseLaunchParameters, urlPassMark, type LaunchData } from './cmi5Params.ts';
import { Cmi5Reporter } from './cmi5Reporter.ts';
import type { LmsLaunch, LmsServices } from './launch.ts';

export interface Cmi5Services extends Pick<LmsServices, 'records' | 'now'> {
  fetch?: typeof fetch;
  /** Where the notices go (tests pass their own document). */
  notice?: Cmi5Notice;
  pageUrl?: string;
}

/** A return URL is followed only to a web page: never a javascript: or data: URL, whoever wrote the launch data. */
function webUrl(text: string | undefined, base: string): string | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Token, launch data, and what the registration already holds; a failure here leaves the session unrecorded. */
async function open(client: Cmi5Client): Promise<{ data: LaunchData; already: { completed: boolean; passed: boolean } }> {
  await client.fetchToken();
  const parsed = parseLaunchData(await client.launchData());
  if (!parsed.ok) throw new Cmi5Error('launch-data', parsed.error);
  const data = parsed.value;
  // An LMS that does not let the AU read statements back: assume nothing was sent before.
  const sent = (verb: string) => (data.launchMode === 'Normal' ? client.alreadySent(`http://adlnet.gov/expapi/verbs/${verb}`).catch(() => false) : Promise.resolve(false));
  const [completed, passed] = await Promise.all([sent('completed'), sent('passed')]);
  return { data, already: { completed, passed } };
}

/**
 * The AU side of a cmi5 launch (the package's `index.html?scenario=<id>&lang=<lng>&pass=<n>` with
 * the LMS's endpoint, fetch, actor, registration and activityId added). Loaded on demand for such
 * a URL only. Whatever goes wrong, the scenario plays: the trainee is told when the session is not
 * recorded, or when results wait for the LMS.
 */
export async function connectCmi5(params: URLSearchParams, services: Cmi5Services): Promise<LmsLaunch | undefined> {
  const scenarioId = params.get('scenario');
  if (scenarioId === null) return undefined;
  const pageUrl = services.pageUrl ?? window.location.href;
  const language = params.get('lang') || document.documentElement.lang || 'en';
  const notice = services.notice ?? cmi5Notice(language);
  const launch = parseLaunchParameters(params, pageUrl);
  if (!launch.ok) {
    console.warn(`cmi5 launch: ${launch.error}; nothing is recorded.`);
    notice.show('notRecorded');
    return { scenarioId };
  }
  const client = cmi5Client(launch.value, services.fetch ? { fetch: services.fetch } : {});
  let opened: Awaited<ReturnType<typeof open>>;
  try {
    opened = await open(client);
  } catch (error) {
    console.warn(`cmi5 launch: ${error instanceof Error ? error.message : String(error)}; nothing is recorded.`);
    notice.show(error instanceof Cmi5Error && error.kind === 'fetch-used' ? 'fetchUsed' : 'notRecorded');
    return { scenarioId };
  }
  const { data, already } = opened;
  const mastery = judging(data, urlPassMark(params))?.mastery;
  const returnTo = webUrl(data.returnURL, pageUrl);
  const recording = data.launchMode === 'Normal';
  let refused = false;
  const reporter = new Cmi5Reporter({
    session: { launch: launch.value, contextTemplate: data.contextTemplate, sessionKey: crypto.randomUUID(), language },
    client,
    scenarioId,
    recording,
    ...(mastery === undefined ? {} : { mastery }),
    already,
    now: services.now ?? (() => Date.now()),
    onDelivery: (state) => {
      refused ||= state.kind === 'refused';
      if (state.kind === 'ok') notice.hide();
      else notice.show(state.kind);
    },
    onTerminated: () => notice.show(refused ? 'refused' : recording ? 'recorded' : 'notJudged', returnTo),
  });
  // The game plays one attempt at a time; decisions of any other are not this one's.
  let current: string | undefined;
  services.records.watch({
    begun: (attemptId, start) => {
      current = attemptId;
      reporter.begun({ ...start, attemptId });
    },
    decided: (attemptId, decision, outcome) => {
      if (attemptId === current) reporter.decided(decision, outcome);
    },
  });
  window.addEventListener('pagehide', () => reporter.leaving());
  return { scenarioId };
}
