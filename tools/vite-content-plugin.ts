import { join } from 'node:path';
import type { HtmlTagDescriptor, IndexHtmlTransformContext, Plugin } from 'vite';
import { moodBand } from '../src/rubric.ts';
import { collectScenarioFiles, localesDirFor, readLocaleFiles, readScenarioFile } from './library.ts';
import { CATALOG_KEYS, type CatalogEntry, type ScenarioBundle } from '../src/content.ts';
import { checkScenarioText, formatProblem, type Problem } from '../src/scenario/index.ts';

export const CATALOG_MODULE = 'virtual:htl/catalog';
export const SCENARIO_MODULE_PREFIX = 'virtual:htl/scenario/';

/** Every scenario in `dialogues/`, checked like `npm run lint:dialogues` does; problems instead of bundles if any. */
export function loadLibrary(root: string): { bundles: ScenarioBundle[]; problems: Problem[]; files: string[] } {
  const { files } = collectScenarioFiles([join(root, 'dialogues')]);
  const bundles: ScenarioBundle[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const parsed = readScenarioFile(file);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const locales = readLocaleFiles(localesDirFor(file), parsed.scenario.id);
    const textProblems = checkScenarioText(parsed.scenario, locales);
    problems.push(...textProblems);
    if (textProblems.length > 0) continue;
    const text: ScenarioBundle['text'] = {};
    for (const locale of locales) {
      if ('data' in locale) text[languageOf(locale.file)] = locale.data as Record<string, unknown>;
    }
    bundles.push({ scenario: parsed.scenario, text });
  }
  return { bundles, problems, files };
}

const languageOf = (localeFile: string) => localeFile.split(/[\\/]/).at(-2) ?? '';

function catalogEntry({ scenario, text }: ScenarioBundle): CatalogEntry {
  const menuText = Object.fromEntries(
    Object.entries(text).map(([language, all]) => [language, Object.fromEntries(CATALOG_KEYS.map((key) => [key, all[key]]))]),
  );
  return { id: scenario.id, channel: scenario.channel, difficulty: scenario.difficulty, temperament: scenario.temperament, mood: scenario.mood, timed: scenario.timer !== undefined, text: menuText };
}

/**
 * Serves the dialogue library to the game as modules: a small catalog for the menu, and one
 * lazily loaded module per scenario. Content is validated at build time, so the browser ships
 * neither YAML nor zod, and a broken scenario fails the build with the linter's messages.
 */
export function contentPlugin(root: string): Plugin {
  let library: ReturnType<typeof loadLibrary> | undefined;
  const current = () => (library ??= loadLibrary(root));
  return {
    name: 'hold-the-line-content',
    resolveId: {
      filter: { id: /^virtual:htl\// },
      handler: (id) => `\0${id}`,
    },
    load: {
      filter: { id: /^\0virtual:htl\// },
      handler(id) {
        const { bundles, problems, files } = current();
        files.forEach((file) => this.addWatchFile(file));
        if (problems.length > 0) this.error(`The dialogue library has problems (run npm run lint:dialogues):\n${problems.map(formatProblem).join('\n')}`);
        if (id === `\0${CATALOG_MODULE}`) {
          const loaders = bundles.map(({ scenario }) => `  ${JSON.stringify(scenario.id)}: () => import(${JSON.stringify(SCENARIO_MODULE_PREFIX + scenario.id)}),`);
          return `export const catalog = ${JSON.stringify(bundles.map(catalogEntry))};\nexport const loaders = {\n${loaders.join('\n')}\n};\n`;
        }
        const wanted = id.slice(`\0${SCENARIO_MODULE_PREFIX}`.length);
        const bundle = bundles.find(({ scenario }) => scenario.id === wanted);
        if (!bundle) this.error(`No scenario "${wanted}" in dialogues/`);
        return `export default ${JSON.stringify(bundle)};\n`;
      },
    },
    configureServer(server) {
      // Any edit to a scenario or its text rebuilds the library and reloads the page.
      server.watcher.add([join(root, 'dialogues'), join(root, 'locales')]);
      server.watcher.on('change', (file) => {
        if (!/[\\/](dialogues|locales)[\\/]/.test(file)) return;
        library = undefined;
        for (const module of server.moduleGraph.idToModuleMap.values()) {
          if (module.id?.startsWith('\0virtual:htl/')) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, path }) {
        // Only the game's page, and only built: the bare benchmark page must stay bare.
        if (!bundle || path !== '/index.html') return undefined;
        return startupPreloads(bundle, current().bundles);
      },
    },
  };
}

/**
 * What the first screen needs, requested while the browser is still parsing Phaser: the fonts,
 * and for deep links the files of each scenario's start (its module and opening portrait), as
 * data for the small script in index.html that picks the linked scenario's.
 */
function startupPreloads(bundle: NonNullable<IndexHtmlTransformContext['bundle']>, bundles: ScenarioBundle[]): HtmlTagDescriptor[] {
  const files = Object.values(bundle);
  const fonts = files.filter((file) => /nunito-(latin|cyrillic)-(400|700)-normal-.*\.woff2$/.test(file.fileName));
  const deepLinkFiles = Object.fromEntries(
    bundles.flatMap(({ scenario }) => {
      const module = files.find((file) => file.type === 'chunk' && file.facadeModuleId === `\0${SCENARIO_MODULE_PREFIX}${scenario.id}`);
      const portrait = files.find((file) => file.type === 'asset' && file.originalFileNames.some((name) => name.endsWith(`portraits/${scenario.id}/${moodBand(scenario.mood)}.svg`)));
      return module && portrait ? [[scenario.id, { module: `./${module.fileName}`, portrait: `./${portrait.fileName}` }]] : [];
    }),
  );
  return [
    ...fonts.map((font): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'preload', as: 'font', type: 'font/woff2', href: `./${font.fileName}`, crossorigin: '' }, injectTo: 'head' })),
    // JSON in a script element is data, never run; "<" is escaped so no file name can end the element.
    { tag: 'script', attrs: { type: 'application/json', id: 'deep-link-files' }, children: JSON.stringify(deepLinkFiles).replaceAll('<', '\\u003c'), injectTo: 'head' },
  ];
}
