import { defineConfig } from 'vite';

// The demo page is served from demo/; the library build (dist/) is added with the elements.
// nanostores reads process.env.NODE_ENV unguarded, and Vite's library mode does not define it.
export default defineConfig(({ mode }) => ({
  root: 'demo',
  define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
  esbuild: { target: 'es2022' },
  build: { outDir: '../dist/demo', emptyOutDir: true, target: 'es2022' },
}));
