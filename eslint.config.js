import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
            { group: ['phaser', 'phaser/*'], message: 'src/ is headless: no Phaser.' },
            { group: ['node:*'], message: 'src/ runs in the browser too: Node modules belong in tools/ or server/.' },
            { group: ['**/scenes/**', '**/tools/**', '**/tests/**'], message: 'Dependencies flow one way: src/ imports none of the folders built on it.' },
          ],
        },
      ],
    },
  },
  {
    // Everything built on the core goes through its one public API, so what is public is what index.ts exports.
    files: ['scenes/**/*.ts', 'tools/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/*', '!**/src/index.ts', '**/src/*/**'], message: 'Import the core through src/index.ts, its public API.' }] },
      ],
    },
  },
);
