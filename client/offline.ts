import { whenIdle } from './idle.ts';

/** Marked by the game (scenes/ConversationScene.ts) when the first reply can be chosen; `npm run bench` times it. */
const FIRST_REPLY_MARK = 'htl:first-choice';
/** A trainee who stays on the menu gets offline play this long after the page loads. */
const LATEST_MS = 10_000;

/**
 * Offline play: registers the service worker the build writes (vite-plugin-pwa, vite.config.ts).
 * Installing it downloads the whole game, so in the game that waits until the first reply is on
 * screen (or LATEST_MS), and never competes with the start of the first conversation; a page
 * whose own files are in calls it with 'now'. Only in a build: the dev server has no worker. A
 * browser without service workers, or one that refuses (a private mode, a plain-HTTP host that is
 * not localhost), simply stays online-only.
 */
export function registerOfflinePlay(when: 'now' | 'afterFirstReply'): void {
  // MODE, not PROD: a build run inside the test runner (NODE_ENV=test) is still a production build with a worker.
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  const install = () => {
    whenIdle(() => {
      navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => undefined);
    }, 2000);
  };
  if (when === 'now') return install();
  const once = () => {
    clearTimeout(timer);
    observer.disconnect();
    install();
  };
  const timer = setTimeout(once, LATEST_MS);
  const observer = new PerformanceObserver((entries) => {
    if (entries.getEntriesByName(FIRST_REPLY_MARK).length > 0) once();
  });
  observer.observe({ type: 'mark', buffered: true });
}
