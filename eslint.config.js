import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const throughCoreIndex = { group: ['**/src/*', '!**/src/index.ts', '**/src/*/**'], message: 'Import the core through src/index.ts, its public API.' };

/** Import rules for one part of the project: the core only through its index, none of `above`, and no Phaser where asked. */
function layer(files, above, { phaser = false } = {}) {
  const patterns = [
    throughCoreIndex,
    ...above.map((folder) => ({ group: [`**/${folder}/**`], message: `Dependencies flow one way: this part does not import ${folder}/.` })),
    ...(phaser ? [{ group: ['phaser', 'phaser/*', 'phaser-src/*'], message: 'Only the game (scenes/) loads Phaser.' }] : []),
  ];
  return { files: [files], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.ts'],
    rules: {
      // The core must stay deterministic: randomness and time are injected.
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG from src/random.ts.' },
        { object: 'Date', property: 'now', message: 'Inject a clock instead.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['phaser', 'phaser/*', 'phaser-src/*'], message: 'src/ is headless: no Phaser.' },
            { group: ['node:*'], message: 'src/ runs in the browser too: Node modules belong in tools/ or server/.' },
            { group: ['**/scenes/**', '**/client/**', '**/views/**', '**/server/**', '**/tools/**', '**/tests/**'], message: 'Dependencies flow one way: src/ imports none of the folders built on it.' },
          ],
        },
      ],
    },
  },
  {
    // The game's Phaser build joins Phaser's own CommonJS modules, so it is written as they are.
    files: ['scenes/phaser/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Everything built on the core goes through its one public API, so what is public is what index.ts exports;
  // and each part imports only the parts below it: core ← client ← game and views; core ← server, tools.
  layer('scenes/**/*.ts', ['server', 'views', 'tools']),
  layer('client/**/*.ts', ['scenes', 'server', 'views', 'tools'], { phaser: true }),
  layer('views/**/*.ts', ['scenes', 'server', 'tools'], { phaser: true }),
  layer('server/**/*.ts', ['scenes', 'views', 'client'], { phaser: true }),
  layer('tools/**/*.ts', ['scenes', 'views', 'client']),
);
