import type { XapiStatement } from '../../src/index.ts';
import type { Cmi5LaunchParameters } from './cmi5Params.ts';

/**
 * The few xAPI calls a cmi5 AU makes, over fetch (docs/lms.md says why not @xapi/cmi5): the auth
 * token from the fetch URL, LMS.LaunchData from the state API, whether this registration already
 * holds a completed or passed statement, and one statement at a time by PUT with its own id, so a
 * statement sent again after a lost answer is stored once.
 */

export type Cmi5ProblemKind = 'fetch-used' | 'fetch-refused' | 'unreachable' | 'refused' | 'launch-data';

export class Cmi5Error extends Error {
  constructor(
    readonly kind: Cmi5ProblemKind,
    message: string,
    /** A network failure or a 5xx: worth trying again. */
    readonly transient = false,
  ) {
    super(message);
  }
}

export interface Cmi5Client {
  /** POSTs the fetch URL, once: the URL is single-use (8.2), so a second call is a programming error. */
  fetchToken(): Promise<void>;
  launchData(): Promise<unknown>;
  /** Whether a statement with this verb about the AU is already in the registration. */
  alreadySent(verbId: string): Promise<boolean>;
  put(statement: XapiStatement, options?: { keepalive?: boolean }): Promise<void>;
}

const XAPI_VERSION = '1.0.3';

export function cmi5Client(launch: Cmi5LaunchParameters, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Cmi5Client {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  let token: string | undefined;
  let fetched = false;

  async function request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await send(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new Cmi5Error('unreachable', `${new URL(url).origin} did not answer (${error instanceof Error ? error.message : String(error)})`, true);
    }
  }

  async function xapi(path: string, init: RequestInit = {}): Promise<Response> {
    if (token === undefined) throw new Error('the auth token is fetched first');
    const headers = { authorization: `Basic ${token}`, 'x-experience-api-version': XAPI_VERSION, ...(init.body ? { 'content-type': 'application/json' } : {}) };
    return request(`${launch.endpoint}${path}`, { ...init, headers });
  }

  const failed = (what: string, response: Response) => new Cmi5Error(response.status === 401 || response.status === 403 ? 'refused' : 'unreachable', `${what}: the LMS answered ${response.status}`, response.status >= 500 || response.status === 429);

  return {
    async fetchToken() {
      if (fetched) throw new Error('the fetch URL is used once per launch');
      fetched = true;
      const response = await request(launch.fetchUrl, { method: 'POST' });
      const body = (await response.json().catch(() => ({}))) as { 'auth-token'?: unknown; 'error-code'?: unknown; 'error-text'?: unknown };
      if (response.ok && typeof body['auth-token'] === 'string') {
        token = body['auth-token'];
        return;
      }
      const text = typeof body['error-text'] === 'string' ? body['error-text'] : `HTTP ${response.status}`;
      throw new Cmi5Error(String(body['error-code']) === '1' ? 'fetch-used' : 'fetch-refused', `the fetch URL gave no auth token: ${text}`);
    },

    async launchData() {
      const query = new URLSearchParams({ stateId: 'LMS.LaunchData', activityId: launch.activityId, agent: JSON.stringify(launch.actor), registration: launch.registration });
      const response = await xapi(`activities/state?${query}`);
      if (!response.ok) throw failed('LMS.LaunchData', response);
      return response.json().catch(() => {
        throw new Cmi5Error('launch-data', 'LMS.LaunchData is not JSON');
      });
    },

    async alreadySent(verbId) {
      const query = new URLSearchParams({ agent: JSON.stringify(launch.actor), verb: verbId, activity: launch.activityId, registration: launch.registration, limit: '1' });
      const response = await xapi(`statements?${query}`);
      if (!response.ok) throw failed('reading earlier statements', response);
      const page = (await response.json()) as { statements?: unknown[] };
      return (page.statements?.length ?? 0) > 0;
    },

    async put(statement, { keepalive = false } = {}) {
      const response = await xapi(`statements?${new URLSearchParams({ statementId: statement.id })}`, { method: 'PUT', body: JSON.stringify(statement), keepalive });
      // 409: the LRS has a statement with this id already, which can only be this one sent before.
      if (!response.ok && response.status !== 409) throw failed(`statement ${statement.verb.display['en-US'] ?? statement.verb.id}`, response);
    },
  };
}
