import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The demo pages (demo/) for `vite` (dev server) and `vite build` → dist/demo/ (what `npm start` serves):
//   demo/index.html        → dist/demo/index.html        the cashier, schedule, event log and simulator panels
//   demo/react/index.html  → dist/demo/react/index.html  the same elements used from React 19
// demo/plain.html is not built: it is the no-build page (one classic <script>), served as written.
// The library builds of dist/ (ES modules per element, the one-<script> IIFE, the size bundles) are
// configured in scripts/build.mjs (`npm run build`, which runs this build last).
//
// nanostores reads process.env.NODE_ENV unguarded, and Vite's library mode does not define it.
// JSX (demo/react/*.tsx): Oxc's automatic runtime (react/jsx-runtime); no React plugin needed.
// package.json "sideEffects" lists the defining sources (src/index.ts, src/elements/<x>/<x>.ts): without
// them a production build tree-shakes customElements.define() away.
//
// `npx vite` serves demo/ with hot reload and proxies the relay and the simulator controls to a running
// `npm start` (PJ_DEMO_BACKEND, default http://127.0.0.1:8080).
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const backend = process.env.PJ_DEMO_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig(({ mode }) => ({
  root: here('./demo'),
  define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
  oxc: { jsx: { runtime: 'automatic' } },
  publicDir: false,
  server: { proxy: { '/pj': backend, '/__sim': backend } },
  build: {
    outDir: here('./dist/demo'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: {
      input: { main: here('./demo/index.html'), react: here('./demo/react/index.html') },
      // The code both pages share (the elements, Lit, nanostores) in one chunk with a readable name.
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'pj-elements',
              test: /[\\/](src|node_modules[\\/](lit|lit-html|lit-element|@lit|nanostores))[\\/]/,
            },
          ],
        },
      },
    },
  },
}));
