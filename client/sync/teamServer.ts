/**
 * Whether a team server serves this page, and who is signed in to it: the server writes this into
 * every page it serves (`<script type="application/json" id="team-server">`), so the game needs no
 * request to find out, and a static build (no element) makes no request to the server at all.
 * A page the service worker kept for offline play says it is not current (`fresh: false`): the
 * game then goes on as the trainee it last knew on this device and asks the server in the background.
 */
export interface TeamTrainee {
  id: string;
  name: string;
  cohort: { id: string; name: string };
}

export interface TeamServer {
  trainee: TeamTrainee | null;
  /** How long the server keeps a trainee's records, as the admin set it; null: until deleted. */
  retentionDays: number | null;
  /** Whether the server passes results on to the department's LRS, and with typed names or not; null: it keeps them to itself. */
  lrs: { names: boolean } | null;
  /** Whether `trainee` is as the server had it when this page was served. */
  fresh: boolean;
}

export const TEAM_SERVER_ELEMENT = 'team-server';
/** Where the game asks when its page is a kept copy (server/pages.ts). */
const TEAM_SERVER_URL = './team-server.json';
/** The trainee this device was last signed in as, for pages the service worker serves. */
const LAST_TRAINEE_KEY = 'hold-the-line.team-trainee';

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

/** A trainee as the server describes them (page data, `POST /api/trainees`, `POST /api/continue`), or undefined if it is not one. */
export function readTeamTrainee(value: unknown): TeamTrainee | undefined {
  if (!isObject(value) || !isText(value.id) || !isText(value.name) || !isObject(value.cohort)) return undefined;
  const { cohort } = value;
  if (!isText(cohort.id) || !isText(cohort.name)) return undefined;
  return { id: value.id, name: value.name, cohort: { id: cohort.id, name: cohort.name } };
}

function readData(data: unknown): TeamServer | undefined {
  if (!isObject(data)) return undefined;
  const days = data.retentionDays;
  const retentionDays = Number.isInteger(days) && (days as number) > 0 ? (days as number) : null;
  const lrs = isObject(data.lrs) ? { names: data.lrs.names === true } : null;
  return { trainee: readTeamTrainee(data.trainee) ?? null, retentionDays, lrs, fresh: data.fresh === true };
}

/** The page's team server data; undefined where there is none or it cannot be read (then the game plays on its own). */
export function readTeamServer(document: Document): TeamServer | undefined {
  const text = document.getElementById(TEAM_SERVER_ELEMENT)?.textContent;
  if (!text) return undefined;
  try {
    return readData(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The server's current answer, or undefined without one (offline, the server down). */
export async function askTeamServer(): Promise<TeamServer | undefined> {
  try {
    const response = await fetch(TEAM_SERVER_URL, { credentials: 'same-origin', cache: 'no-store' });
    return response.ok ? readData(await response.json()) : undefined;
  } catch {
    return undefined;
  }
}

export function lastKnownTrainee(): TeamTrainee | null {
  try {
    return readTeamTrainee(JSON.parse(localStorage.getItem(LAST_TRAINEE_KEY) ?? 'null')) ?? null;
  } catch {
    return null;
  }
}

export function rememberTrainee(trainee: TeamTrainee | null): void {
  try {
    if (trainee) localStorage.setItem(LAST_TRAINEE_KEY, JSON.stringify(trainee));
    else localStorage.removeItem(LAST_TRAINEE_KEY);
  } catch {
    // Storage refused: a kept page will show nobody signed in until the server answers.
  }
}
