import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { CMI5_IRIS } from '../../client/lms/cmi5Statements.ts';
import type { XapiContext } from '../../src/index.ts';
import { buildStaticGame } from '../../tools/lms/build.ts';
import { packageCmi5 } from '../../tools/lms/cmi5Package.ts';
import { LRS_PASSWORD, LRS_USERNAME, startLrs, type Lrs } from '../server/lrs.ts';

/**
 * The LMS's part in the cmi5 browser test. The course package is built by the packager and
 * unzipped; the real LRS (Learning Locker's statements service, tests/server/lrs.ts) stores the
 * statements. That service has no state API, so this launcher serves what a cmi5 LMS serves
 * itself: the one-time fetch URL, LMS.LaunchData in the state API, and the xAPI endpoint the AU
 * talks to, which checks the AU's session token and passes statements on to the LRS with the
 * LMS's own credentials (as an LMS with a separate LRS does). It also writes the "launched"
 * statement before each launch, as the LMS must.
 */

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json', '.png': 'image/png' };
const LRS_AUTH = `Basic ${Buffer.from(`${LRS_USERNAME}:${LRS_PASSWORD}`).toString('base64')}`;
export const HOME = 'https://lms.example.com';

export interface Cmi5Launch {
  url: string;
  registration: string;
  activityId: string;
  account: { homePage: string; name: string };
  contextTemplate: XapiContext;
  /** POSTs the AU made to this launch's fetch URL. */
  fetches(): number;
}

export interface LaunchOptions {
  scenarioId: string;
  launchMode?: 'Normal' | 'Browse' | 'Review';
  masteryScore?: number;
  moveOn?: string;
}

export interface Cmi5Lms {
  url: string;
  lrs: Lrs;
  courseStructure: string;
  /** Registers a learner for an AU, writes LMS.LaunchData and "launched", and gives the URL to open. */
  launch(options: LaunchOptions): Promise<Cmi5Launch>;
  /** The statements of a registration the AU sent, oldest first (the LMS's own "launched" left out). */
  statements(registration: string): Promise<Record<string, unknown>[]>;
  /** While true the endpoint answers 503 to statements, as an LMS whose LRS is down. */
  statementsDown: boolean;
  close(): Promise<void>;
}

interface Session {
  token: string;
  fetched: number;
  launchData: unknown;
  registration: string;
  activityId: string;
  actor: string;
}

const readBody = (request: IncomingMessage) => new Promise<Buffer>((resolve) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => resolve(Buffer.concat(chunks)));
});

const json = (response: ServerResponse, status: number, body: unknown) => void response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

export async function startCmi5Lms(options: { scenarios: string[]; pass: number; language: string }): Promise<Cmi5Lms> {
  const root = mkdtempSync(join(tmpdir(), 'htl-cmi5-e2e-'));
  const game = join(root, 'game');
  const folder = join(root, 'course');
  const [lrs] = await Promise.all([startLrs(), buildStaticGame(game)]);
  const built = packageCmi5(game, options);
  for (const [name, bytes] of Object.entries(unzipSync(built.zip))) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), bytes);
  }
  const sessions = new Map<string, Session>();
  const byToken = (request: IncomingMessage) => [...sessions.values()].find((session) => request.headers.authorization === `Basic ${session.token}`);

  async function xapi(request: IncomingMessage, response: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    const session = byToken(request);
    if (!session) return json(response, 401, { message: 'unknown session token' });
    if (path === 'activities/state') {
      const matches = query.get('stateId') === 'LMS.LaunchData' && query.get('activityId') === session.activityId && query.get('registration') === session.registration && JSON.stringify(JSON.parse(query.get('agent') ?? 'null')) === session.actor;
      return request.method === 'GET' && matches ? json(response, 200, session.launchData) : json(response, 404, { message: 'no such state' });
    }
    if (path !== 'statements') return json(response, 404, { message: `not served here: ${path}` });
    if (lms.statementsDown) return json(response, 503, { message: 'the LRS is down' });
    const body = await readBody(request);
    const forwarded = await fetch(`${lrs.endpoint}statements?${query}`, {
      method: request.method ?? 'GET',
      headers: { authorization: LRS_AUTH, 'x-experience-api-version': '1.0.3', ...(body.length > 0 ? { 'content-type': 'application/json' } : {}) },
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await forwarded.arrayBuffer()));
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://lms');
    const path = decodeURIComponent(url.pathname);
    const fetchMatch = /^\/fetch\/([\w-]+)$/.exec(path);
    if (fetchMatch && request.method === 'POST') {
      const session = sessions.get(fetchMatch[1] as string);
      if (!session) return json(response, 200, { 'error-code': '2', 'error-text': 'No such launch.' });
      session.fetched++;
      // A one-time URL (8.2): the token once, then error 1.
      return json(response, 200, session.fetched === 1 ? { 'auth-token': session.token } : { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' });
    }
    if (path.startsWith('/xapi/')) {
      void xapi(request, response, path.slice('/xapi/'.length), url.searchParams).catch((error: unknown) => json(response, 502, { message: String(error) }));
      return;
    }
    if (path === '/return') return void response.writeHead(200, { 'content-type': TYPES['.html'] }).end('<!doctype html><html lang="en"><title>Course</title><h1>Back in the course</h1></html>');
    const file = path.startsWith('/au/') ? normalize(join(folder, path.slice('/au/'.length))) : undefined;
    if (!file || !file.startsWith(folder + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const auUrlOf = (scenarioId: string) => {
    const au = new RegExp(`<au id="([^"]+/scenarios/${scenarioId})"[\\s\\S]*?<url>([^<]+)</url>`).exec(built.courseStructure);
    if (!au) throw new Error(`no AU for ${scenarioId} in cmi5.xml`);
    return { publisherId: au[1] as string, url: (au[2] as string).replaceAll('&amp;', '&') };
  };

  const lms: Cmi5Lms = {
    url: base,
    lrs,
    courseStructure: built.courseStructure,
    statementsDown: false,
    async launch({ scenarioId, launchMode = 'Normal', masteryScore = options.pass / 100, moveOn = 'CompletedAndPassed' }) {
      const { publisherId, url } = auUrlOf(scenarioId);
      const registration = randomUUID();
      const launchId = randomUUID();
      // The LMS's own activity id for the AU, distinct from the publisher's (which goes in the grouping).
      const activityId = `${HOME}/activities/${launchId}`;
      const account = { homePage: HOME, name: `learner-${launchId.slice(0, 8)}` };
      const actor = { objectType: 'Agent', name: 'Jane Doe', account };
      const contextTemplate: XapiContext = { contextActivities: { grouping: [{ objectType: 'Activity', id: publisherId }] }, extensions: { [CMI5_IRIS.sessionId]: randomUUID() } };
      const launchData = { contextTemplate, launchMode, masteryScore, moveOn, returnURL: `${base}/return` };
      const session: Session = { token: Buffer.from(`au-${launchId}:${randomUUID()}`).toString('base64'), fetched: 0, launchData, registration, activityId, actor: JSON.stringify(actor) };
      sessions.set(launchId, session);
      const launched = { id: randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'en-US': 'launched' } }, object: { objectType: 'Activity', id: activityId }, context: { ...contextTemplate, registration, contextActivities: { ...contextTemplate.contextActivities, category: [{ objectType: 'Activity', id: CMI5_IRIS.category }] } }, timestamp: new Date().toISOString() };
      const stored = await fetch(`${lrs.endpoint}statements`, { method: 'POST', headers: { authorization: LRS_AUTH, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' }, body: JSON.stringify(launched) });
      if (!stored.ok) throw new Error(`the LRS refused "launched": ${stored.status} ${await stored.text()}`);
      const query = new URLSearchParams({ endpoint: `${base}/xapi/`, fetch: `${base}/fetch/${launchId}`, actor: JSON.stringify(actor), registration, activityId });
      return { url: `${base}/au/${url}&${query}`, registration, activityId, account, contextTemplate, fetches: () => session.fetched };
    },
    async statements(registration) {
      const found = await lrs.statements({ registration, ascending: 'true' });
      return found.filter((statement) => (statement.verb as { id: string }).id !== 'http://adlnet.gov/expapi/verbs/launched');
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await lrs.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return lms;
}
