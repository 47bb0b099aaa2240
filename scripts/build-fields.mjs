// The payment fields frame (src/fields/): its page and one minified module with every dependency
// inside (it runs on its own origin, where no app bundler or shared Lit exists). Vite's HTML build
// rewrites the page's script to the hashed module. Used by scripts/build.mjs and by `npm start`
// (server-stub/cli/demo-server.ts), which rebuilds it when src/ is newer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { minifyTemplates } from './minify-templates.mjs';

/** Builds the frame into `outDir` (emptied first). */
export async function buildFieldsFrame(root, outDir) {
  await build({
    configFile: false,
    root: join(root, 'src/fields'),
    base: './',
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    publicDir: false,
    plugins: [minifyTemplates()],
    // The theme's CSS text without Lit (src/fields/lit-css-text.ts says why).
    resolve: { alias: [{ find: /^lit$/, replacement: join(root, 'src/fields/lit-css-text.ts') }] },
    build: {
      target: 'es2022',
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      minify: true,
      assetsDir: '',
      modulePreload: false,
      rolldownOptions: { input: join(root, 'src/fields/fields.html') },
    },
  });
  const page = readFileSync(join(outDir, 'fields.html'), 'utf8');
  if (!/<script type="module"[^>]* src="\.\/fields-[\w-]+\.js"/.test(page))
    throw new Error(`${outDir}/fields.html does not load its module`);
}
