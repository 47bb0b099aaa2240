import { defineConfig } from 'vite';

// The demo page (demo/) for `vite` / `vite build`. The library builds of dist/ (ES modules per element, the
// one-<script> IIFE, the size bundles) are configured in scripts/build.mjs (`npm run build`).
// nanostores reads process.env.NODE_ENV unguarded, and Vite's library mode does not define it.
// Decorators: tsconfig.json's experimentalDecorators + useDefineForClassFields:false, which Vite 8's Oxc
// transform follows (build.mjs checks that what it emits parses).
// package.json "sideEffects" lists the defining sources (src/index.ts, src/elements/<x>/<x>.ts): without
// them a production build tree-shakes customElements.define() away.
export default defineConfig(({ mode }) => ({
  root: 'demo',
  define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
  esbuild: { target: 'es2022' },
  build: { outDir: '../dist/demo', emptyOutDir: true, target: 'es2022' },
}));
