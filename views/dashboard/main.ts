import '@fontsource/nunito/400.css';
import '@fontsource/nunito/700.css';
import '../parts/page.css';
import './dashboard.css';
import { registerOfflinePlay } from '../../client/offline.ts';
import { preferredLanguage } from '../parts/language.ts';
import { pageData, signInAddress } from './pageData.ts';
import { Shell } from './shell.ts';
import { dashboardTranslator } from './text.ts';

/**
 * The results page. A manager or admin signed in on the team server reads their trainees'
 * results from its API; anyone else reads the trainee's own records on this device (with their
 * coaching notes when they are signed in on a team server). Asking for a staff view without being
 * signed in as staff goes to the staff sign-in, which sends them back here.
 */
const root = document.getElementById('dashboard');
if (!root) throw new Error('dashboard.html must have #dashboard');

const translator = dashboardTranslator(preferredLanguage(new URLSearchParams(location.search).get('lang')));
const data = await pageData();
let page: { draw(): void } | undefined;
const shell = new Shell(root, translator, () => page?.draw());

// Each mode loads only its own code.
if (data.staff) {
  const { StaffPage } = await import('./staff.ts');
  const staffPage = new StaffPage(shell, data.staff);
  page = staffPage;
  await staffPage.start();
} else if (data.server && new URLSearchParams(location.search).has('view')) {
  location.replace(signInAddress());
} else {
  const { MinePage } = await import('./mine.ts');
  const mine = new MinePage(shell, data);
  page = mine;
  await mine.start();
  registerOfflinePlay('now');
}
