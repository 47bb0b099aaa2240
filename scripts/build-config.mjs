// The Vite settings every library build of scripts/build.mjs shares, and the element list; also used by
// scripts/bundle-breakdown.mjs so that the breakdown measures the same builds as the size budgets.
import { minifyTemplates } from './minify-templates.mjs';

export const root = new URL('..', import.meta.url).pathname;

export const ELEMENTS = ['terminal-pay', 'terminal-request', 'tx-status', 'schedule-form'];

/** Settings every library build shares. */
export function base(extra) {
  return {
    configFile: false,
    root,
    logLevel: 'warn',
    // nanostores reads process.env.NODE_ENV unguarded; library mode does not define it.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    publicDir: false,
    plugins: [minifyTemplates()],
    ...extra,
    build: {
      target: 'es2022',
      emptyOutDir: false,
      reportCompressedSize: false,
      ...extra.build,
    },
  };
}

/** One self-contained bundle: every dependency inside, minified. `extra` adds build settings (a source map). */
export function bundleConfig({ entry, outDir, fileName, format, name }, extra = {}) {
  return base({
    build: {
      outDir,
      minify: true,
      // One entry per build: Vite emits a single file (no code splitting), dynamic imports inlined.
      lib: { entry, formats: [format], ...(name ? { name } : {}), fileName: () => fileName },
      ...extra,
    },
  });
}

/**
 * One element as an app's production bundle would hold it: its defining module with every dependency,
 * minified all the way (an app build, not Vite's library mode, which keeps whitespace for its
 * pure-call notes), and code that the element imports only when needed (the payment fields'
 * page side) in a chunk of its own under chunks/, as an app's bundler splits it.
 */
export function aloneConfig(name, outDir, extra = {}) {
  return base({
    build: {
      outDir,
      minify: true,
      rolldownOptions: {
        input: { [name]: `${root}src/elements/${name}/${name}.ts` },
        preserveEntrySignatures: false,
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
      ...extra,
    },
  });
}
