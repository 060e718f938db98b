/**
 * Offline play: registers the service worker the build writes (vite-plugin-pwa, vite.config.ts)
 * once the page is usable (a button in `ready`'s subtree: the menu, a reply, a page's controls), so
 * the worker's download of the whole game never competes with start-up. Only in a build: the dev
 * server has no worker. A browser without service workers, or one that refuses (a private mode, a
 * plain-HTTP host that is not localhost), simply stays online-only.
 */
export function registerOfflinePlay(ready: HTMLElement): void {
  // MODE, not PROD: a build run inside the test runner (NODE_ENV=test) is still a production build with a worker.
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  const register = () => {
    const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 200));
    idle(() => {
      navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => undefined);
    });
  };
  if (ready.querySelector('button')) {
    register();
    return;
  }
  const observer = new MutationObserver(() => {
    if (!ready.querySelector('button')) return;
    observer.disconnect();
    register();
  });
  observer.observe(ready, { childList: true, subtree: true });
}
