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

/**
 * For the one-file bundles only: `import('./x.js')` in our sources becomes a static import of x.js's
 * namespace and `Promise.resolve(namespace)`. One file cannot load a part later (x.js is inside it either
 * way), and an inlined dynamic import makes the bundler wrap every module behind it in a lazy initializer:
 * 0.28 kB gzip on the one-<script> bundle (src/core/payment-fields.ts's fields frame, whose modules only
 * declare things when they run, so running them at load changes nothing). Still awaited: same timing for callers.
 */
export function inlineLazyImports() {
  const lazy = /\bimport\((['"])(\.{1,2}\/[^'"]+)\1\)/g;
  return {
    name: 'pj-elements:inline-lazy-imports',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('import(')) return null;
      const imports = [];
      const next = code.replace(lazy, (_, quote, path) => {
        const name = `__pjLazy${imports.length}`;
        imports.push(`import * as ${name} from ${quote}${path}${quote};\n`);
        return `Promise.resolve(${name})`;
      });
      // At the end (imports are hoisted): the lines above keep their numbers for the source map.
      return imports.length > 0 ? { code: `${next}\n${imports.join('')}`, map: null } : null;
    },
  };
}

/** One self-contained bundle: every dependency inside, minified. `extra` adds build settings (a source map). */
export function bundleConfig({ entry, outDir, fileName, format, name }, extra = {}) {
  return base({
    plugins: [minifyTemplates(), inlineLazyImports()],
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
