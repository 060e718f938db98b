import { join, sep } from 'node:path';
import { inspect } from 'node:util';
import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin } from 'vite';
import { CATALOG_KEYS, formatProblem, moodBand, type CatalogEntry, type ScenarioBundle } from '../src/index.ts';
import { checkLibrary, formatWarning } from './checkLibrary.ts';
import { scenarioHash } from './scenarioHash.ts';

export const CATALOG_MODULE = 'virtual:htl/catalog';
export const SCENARIO_MODULE_PREFIX = 'virtual:htl/scenario/';

/**
 * A build refused for the library's problems. Vite prints a failed build's error with
 * `util.inspect`, so this one prints as the linter's lines alone, without a stack trace.
 */
class LibraryProblemsError extends Error {
  override name = 'LibraryProblemsError';
  [inspect.custom](): string {
    return this.message;
  }
}

function catalogEntry({ scenario, text }: ScenarioBundle): CatalogEntry {
  const menuText = Object.fromEntries(
    Object.entries(text).map(([language, all]) => [language, Object.fromEntries(CATALOG_KEYS.map((key) => [key, all[key]]))]),
  );
  return { id: scenario.id, channel: scenario.channel, difficulty: scenario.difficulty, temperament: scenario.temperament, mood: scenario.mood, timed: scenario.timer !== undefined, text: menuText };
}

/** The library as the game gets it: the playable scenarios, and what is wrong with the rest. */
function loadLibrary(root: string) {
  const { scenarios, problems, warnings } = checkLibrary([join(root, 'dialogues')]);
  return {
    bundles: scenarios.flatMap(({ bundle }) => (bundle ? [bundle] : [])),
    broken: scenarios.filter(({ bundle }) => !bundle).map(({ id }) => id),
    problems: problems.map(formatProblem),
    /** Printed by the build; they refuse nothing. */
    warnings: warnings.map(formatWarning),
  };
}

/**
 * Serves the dialogue library (`<root>/dialogues` and `<root>/locales`) to the game as modules: a
 * small catalog for the menu, and one lazily loaded module per scenario. Content is checked in
 * Node, so the browser ships neither YAML nor zod. A build with any problem `npm run
 * lint:dialogues` would report fails with its lines; the dev server leaves broken scenarios out
 * and hands their problems to the menu, so one bad line never blanks the game.
 */
export function contentPlugin(root: string): Plugin {
  const folders = [join(root, 'dialogues'), join(root, 'locales')];
  let library: ReturnType<typeof loadLibrary> | undefined;
  const current = () => (library ??= loadLibrary(root));
  return {
    name: 'hold-the-line-content',
    configResolved({ command, logger }) {
      if (command !== 'build') return;
      // Before bundling, so the error reaches Vite's CLI as thrown rather than wrapped in a bundler error with its stack.
      if (current().problems.length > 0) throw new LibraryProblemsError(current().problems.join('\n'));
      // Only errors refuse a build; warnings are the linter's lines, shown and let through.
      for (const warning of current().warnings) logger.warn(warning);
    },
    resolveId: {
      filter: { id: /^virtual:htl\// },
      handler: (id) => `\0${id}`,
    },
    load: {
      filter: { id: /^\0virtual:htl\// },
      handler(id) {
        const { bundles, broken, problems } = current();
        if (id === `\0${CATALOG_MODULE}`) {
          const loaders = bundles.map(({ scenario }) => `  ${JSON.stringify(scenario.id)}: () => import(${JSON.stringify(SCENARIO_MODULE_PREFIX + scenario.id)}),`);
          return [
            `export const catalog = ${JSON.stringify(bundles.map(catalogEntry))};`,
            `export const loaders = {\n${loaders.join('\n')}\n};`,
            `export const broken = ${JSON.stringify(broken)};`,
            `export const problems = ${JSON.stringify(problems)};`,
            '',
          ].join('\n');
        }
        const wanted = id.slice(`\0${SCENARIO_MODULE_PREFIX}`.length);
        const bundle = bundles.find(({ scenario }) => scenario.id === wanted);
        if (!bundle) this.error(`No playable scenario "${wanted}" in dialogues/`);
        // The version's name as the team server knows it, so the game can say which rules an attempt was played under.
        return `export default ${JSON.stringify({ ...bundle, hash: scenarioHash(bundle.scenario) })};\n`;
      },
    },
    configureServer(server) {
      // Any change to a scenario or its text (a fix, a new file) rechecks the library and reloads the page.
      server.watcher.add(folders);
      server.watcher.on('all', (_event, file) => {
        if (!folders.some((folder) => file.startsWith(folder + sep))) return;
        library = undefined;
        for (const module of server.moduleGraph.idToModuleMap.values()) {
          if (module.id?.startsWith('\0virtual:htl/')) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        // Built only: the dev server has no files to preload.
        if (!bundle) return undefined;
        const { fonts, deepLinkFiles } = startupPreloads(bundle, current().bundles);
        // Filled in where index.html has it, ahead of the stylesheets, so the script after it runs at once.
        if (!html.includes(DEEP_LINK_PLACEHOLDER)) return fonts;
        // JSON in a script element is data, never run; "<" is escaped so no file name can end the element.
        return { html: html.replace(DEEP_LINK_PLACEHOLDER, () => DEEP_LINK_PLACEHOLDER.replace('{}', JSON.stringify(deepLinkFiles).replaceAll('<', '\\u003c'))), tags: fonts };
      },
    },
  };
}

/** The data element in index.html (the game's page) that the build fills with the deep-link files. */
const DEEP_LINK_PLACEHOLDER = '<script type="application/json" id="deep-link-files">{}</script>';

/**
 * What the first screen needs, requested while the browser is still parsing the game: the fonts,
 * and for deep links the files of each scenario's start (its module and opening portrait), as
 * data for the small script in index.html that picks the linked scenario's.
 */
function startupPreloads(bundle: NonNullable<IndexHtmlTransformContext['bundle']>, bundles: ScenarioBundle[]): { fonts: HtmlTagDescriptor[]; deepLinkFiles: Record<string, { module: string; portrait: string }> } {
  const files = Object.values(bundle);
  const fonts = files.filter((file) => /nunito-(latin|cyrillic)-(400|700)-normal-.*\.woff2$/.test(file.fileName));
  const deepLinkFiles = Object.fromEntries(
    bundles.flatMap(({ scenario }) => {
      const module = files.find((file) => file.type === 'chunk' && file.facadeModuleId === `\0${SCENARIO_MODULE_PREFIX}${scenario.id}`);
      const portrait = files.find((file) => file.type === 'asset' && file.originalFileNames.some((name) => name.endsWith(`portraits/${scenario.id}/${moodBand(scenario.mood)}.svg`)));
      return module && portrait ? [[scenario.id, { module: `./${module.fileName}`, portrait: `./${portrait.fileName}` }]] : [];
    }),
  );
  return {
    fonts: fonts.map((font): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'preload', as: 'font', type: 'font/woff2', href: `./${font.fileName}`, crossorigin: '' }, injectTo: 'head' })),
    deepLinkFiles,
  };
}
