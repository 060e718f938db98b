import type { StaffMember } from '../staff/api.ts';

/** Who the team server says is signed in on this browser (server/pages.ts), or that no team server serves the page. */
export interface PageData {
  /** False when the page came from a static build (vite preview, an LMS package): no team server to ask. */
  server: boolean;
  staff: StaffMember | null;
  trainee: { id: string; name: string } | null;
}

const NOBODY: PageData = { server: false, staff: null, trainee: null };

function readBlock(value: unknown): PageData & { fresh: boolean } {
  if (typeof value !== 'object' || value === null) return { ...NOBODY, fresh: true };
  const { staff, trainee, fresh } = value as { staff?: Partial<StaffMember> | null; trainee?: { id?: unknown; name?: unknown } | null; fresh?: unknown };
  const member = staff && typeof staff.id === 'string' && typeof staff.username === 'string' && (staff.role === 'admin' || staff.role === 'manager' || staff.role === 'trainer') ? { id: staff.id, username: staff.username, role: staff.role } : null;
  const person = trainee && typeof trainee.id === 'string' && typeof trainee.name === 'string' ? { id: trainee.id, name: trainee.name } : null;
  return { server: true, staff: member, trainee: person, fresh: fresh === true };
}

/**
 * The page's data block; a copy the service worker cached (`fresh: false`) names nobody, so the
 * server is asked (`/team-server.json`) and, if it cannot be reached, the page works as on its own.
 */
export async function pageData(): Promise<PageData> {
  const element = document.getElementById('team-server');
  if (!element) return NOBODY;
  let block: PageData & { fresh: boolean };
  try {
    block = readBlock(JSON.parse(element.textContent ?? 'null'));
  } catch {
    return NOBODY;
  }
  if (block.fresh) return block;
  try {
    const response = await fetch('/team-server.json', { credentials: 'same-origin' });
    return response.ok ? readBlock(await response.json()) : { ...NOBODY, server: true };
  } catch {
    return { ...NOBODY, server: true };
  }
}

/** The staff sign-in, which sends the staff member back to this view once they are in. */
export const signInAddress = () => `./staff.html?next=${encodeURIComponent(`dashboard.html${location.search}`)}`;
