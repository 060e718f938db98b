/**
 * Whether a team server serves this page, and who is signed in to it: the server writes this into
 * every page it serves (`<script type="application/json" id="team-server">`), so the game needs no
 * request to find out, and a static build (no element) makes no request to /api at all.
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
}

export const TEAM_SERVER_ELEMENT = 'team-server';

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

/** The page's team server data; undefined where there is none or it cannot be read (then the game plays on its own). */
export function readTeamServer(document: Document): TeamServer | undefined {
  const text = document.getElementById(TEAM_SERVER_ELEMENT)?.textContent;
  if (!text) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(data)) return undefined;
  const days = data.retentionDays;
  const retentionDays = Number.isInteger(days) && (days as number) > 0 ? (days as number) : null;
  return { trainee: readTeamTrainee(data.trainee) ?? null, retentionDays };
}
