import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { chunkManifestPlugin } from './tools/vite-chunk-manifest.ts';
import { contentPlugin } from './tools/vite-content-plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Every top-level HTML file is a page of the build (the game, and each DOM view), so a new page needs no config. */
export const PAGES = Object.fromEntries(readdirSync(root).filter((file) => file.endsWith('.html')).map((file) => [file.slice(0, -'.html'.length), `${root}${file}`]));

/** Small modules of the game's first screen that other pages share (see codeSplitting below). */
const START_SHARED = [/^scenes\/ui\/dom\.ts$/, /^client\/(idle|offline)\.ts$/, /^client\/sync\/teamServer\.ts$/, /^locales\/[^/]+\/common\.json$/, /^assets\/portraits\/.*\.svg\?url$/];

export default defineConfig({
  plugins: [
    contentPlugin(root),
    chunkManifestPlugin(root),
    // Offline play after the first visit: a Workbox service worker precaches every built page and
    // what they load (client/offline.ts registers it once the page is usable). It answers only for
    // those files, whatever the query (?scenario=…), and never for anything else: /api/* always
    // goes to the network, and there is no fallback page. autoUpdate: the browser checks sw.js on
    // every load; a new build's worker precaches it and takes over at once (skipWaiting,
    // clientsClaim) without reloading anyone mid-conversation, so the load after the one that found
    // it is the new version (one stale load at most, never more); old precached files are removed.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: false,
      workbox: {
        // Minified and silent whatever NODE_ENV says (the test runner's build sets it to "test").
        mode: 'production',
        globPatterns: ['**/*.{html,js,css,woff2,svg}'],
        ignoreURLParametersMatching: [/.*/],
        navigateFallback: null,
        cleanupOutdatedCaches: true,
        // Set here because the plugin sets them for autoUpdate only when it injects its own registration.
        skipWaiting: true,
        clientsClaim: true,
        // Phaser's chunk is about 1.6 MB; Workbox's default limit (2 MiB) would leave the game out if it grew.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
    }),
  ],
  base: './',
  resolve: {
    // The game's own Phaser build (scenes/phaser/phaser.js) from Phaser's sources.
    alias: [
      { find: /^phaser$/, replacement: `${root}scenes/phaser/phaser.js` },
      { find: /^phaser-src\//, replacement: `${root}node_modules/phaser/src/` },
      // Only Phaser's text modules import `./MeasureText`: they get the measure-once version.
      { find: /^\.\/MeasureText$/, replacement: `${root}scenes/phaser/measureText.cjs` },
    ],
  },
  // The switches Phaser's sources expect from its own build: both renderers, no debug hooks, no sound
  // manager (the game makes its few sounds with the Web Audio API itself), no 3D camera or Facebook plugin.
  define: {
    'typeof CANVAS_RENDERER': 'true',
    'typeof WEBGL_RENDERER': 'true',
    'typeof WEBGL_DEBUG': 'false',
    'typeof FEATURE_SOUND': 'false',
    'typeof PLUGIN_CAMERA3D': 'false',
    'typeof PLUGIN_FBINSTANT': 'false',
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // Phaser's SVG loader cannot read Vite's inlined (URL-encoded) SVG data URLs, so portraits stay files.
    assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined),
    rolldownOptions: {
      input: PAGES,
      // src/ is pure by rule, so whatever the game does not call from src/index.ts (the YAML parser,
      // zod, path analysis) is left out of the bundle instead of kept for imagined side effects.
      treeshake: { moduleSideEffects: (id) => !id.startsWith(`${root}src/`) },
      // The core and i18next, which every page shares, as one chunk rather than a dozen small ones the game must fetch before it starts.
      // The game's first screen needs a dozen small modules every page shares too (the catalog, the
      // common text, the DOM helpers): they join the core, since each chunk is one more request
      // queued behind the others (six at a time over HTTP/1.1) before the first reply.
      output: { codeSplitting: { groups: [{ name: 'core', test: (id: string) => id.startsWith(`${root}src/`) || id.includes('/node_modules/i18next/') || START_SHARED.some((pattern) => pattern.test(id.slice(root.length))) || id.includes('virtual:htl/catalog') }] } },
    },
  },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/transcripts/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', globalSetup: ['tests/server/globalSetup.ts'], testTimeout: 30_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['tests/e2e/**/*.test.ts'], environment: 'node', globalSetup: ['tests/e2e/globalSetup.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});
