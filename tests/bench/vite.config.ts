import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import game from '../../vite.config.ts';

const bench = fileURLToPath(new URL('.', import.meta.url));

/**
 * The benchmark's baseline, bare.html (an empty Phaser game), built outside dist/ so the deployed
 * game never carries it. It takes the game's build options, so both sides of the comparison get
 * the same Phaser build.
 */
export default defineConfig({
  root: bench,
  base: game.base,
  // The game's own Phaser build, so the baseline boots exactly the Phaser the game does.
  resolve: game.resolve,
  define: game.define,
  build: {
    ...game.build,
    outDir: fileURLToPath(new URL('../../node_modules/.cache/hold-the-line/bench', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: { ...game.build?.rolldownOptions, input: fileURLToPath(new URL('bare.html', import.meta.url)) },
  },
});
