import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LrsSharing, RouteContext } from './context.ts';
import type { StaffMember } from './db/staffStore.ts';
import { SESSION_COOKIE, sessionHashOf, STAFF_COOKIE } from './session.ts';

/**
 * The built pages (`dist/*.html`), each with a data block saying that a team server serves it and
 * who is signed in: the game then knows without a request, and a page served without the server
 * (vite preview, an LMS package) has no block and makes no request to /api at all.
 *
 * Only a navigation gets the trainee (`fresh`). Any other fetch of a page is the service worker
 * precaching it for offline play; that copy will be shown on later visits, after the trainee may
 * have joined or left, so it names nobody and says so, and the game asks `/team-server.json`.
 */
export const TEAM_SERVER_ELEMENT = 'team-server';
export const TEAM_SERVER_URL = '/team-server.json';

export interface PageData {
  trainee: { id: string; name: string; cohort: { id: string; name: string } } | null;
  /** The staff member signed in on this browser, so the staff page need not ask (and log a 401 when nobody is). */
  staff: StaffMember | null;
  retentionDays: number | null;
  /** Whether results go on to the department's LRS, for the join screen's privacy notice. */
  lrs: LrsSharing | null;
  /** Whether `trainee` is as of this request (false in a copy made for the service worker's cache). */
  fresh: boolean;
}

/**
 * JSON safe inside a script element: `<`, `>` and `&` as escapes, so no value (a trainee named
 * `</script><img src=x onerror=alert(1)>`) can end the element or start markup; U+2028 and U+2029
 * too, which older parsers treat as line ends. JSON.parse reads it back unchanged.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The page with its data block, at the end of its head. */
export function withPageData(html: string, data: PageData): string {
  const block = `<script type="application/json" id="${TEAM_SERVER_ELEMENT}">${scriptSafeJson(data)}</script>`;
  const at = html.indexOf('</head>');
  if (at < 0) throw new Error('a built page has no </head>');
  return html.slice(0, at) + block + html.slice(at);
}

/** Serves `/` and every top-level page of `staticDir`, read at each request (a rebuild needs no restart). */
export async function pageRoutes(app: FastifyInstance, staticDir: string, context: Pick<RouteContext, 'store' | 'trainees' | 'staff' | 'privacy' | 'clock' | 'lrs'>): Promise<void> {
  const pageData = async (request: FastifyRequest, fresh: boolean): Promise<PageData> => {
    const now = context.clock();
    const tokenHash = fresh ? sessionHashOf(request, SESSION_COOKIE) : undefined;
    const traineeId = tokenHash && (await context.store.traineeOfSession(tokenHash, now));
    const staffHash = fresh ? sessionHashOf(request, STAFF_COOKIE) : undefined;
    return {
      trainee: (traineeId && (await context.trainees.profile(traineeId))) || null,
      staff: (staffHash && (await context.staff.staffOfSession(staffHash, now))) || null,
      retentionDays: await context.privacy.retentionDays(),
      lrs: context.lrs,
      fresh,
    };
  };
  app.get(TEAM_SERVER_URL, async (request, reply) => reply.header('cache-control', 'no-store').send(await pageData(request, true)));

  const pages = (await readdir(staticDir).catch(() => [])).filter((name) => name.endsWith('.html'));
  for (const page of pages) {
    const paths = page === 'index.html' ? ['/', '/index.html'] : [`/${page}`];
    for (const path of paths) {
      app.get(path, async (request, reply) => {
        const data = await pageData(request, request.headers['sec-fetch-mode'] === 'navigate');
        const html = withPageData(await readFile(join(staticDir, page), 'utf8'), data);
        // Personal (it names the trainee): never kept by a shared cache, and asked for afresh each time.
        return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-cache').send(html);
      });
    }
  }
}
