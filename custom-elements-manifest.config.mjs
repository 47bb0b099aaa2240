// @custom-elements-manifest/analyzer: dist/custom-elements.json (npm run build; package.json `customElements`).
//
// The classes live in src/elements/<name>/<name>.component.ts (no define); the tag names come from the
// tiny defining modules src/elements/<name>/<name>.ts, which the analyzer links to the classes by name.
// Module paths are rewritten from src/*.ts to the dist/*.js files npm users import.
const ELEMENTS = ['terminal-pay', 'tx-status', 'schedule-form'];

/** src/elements/x/x.component.ts (or /src/…/x.component.js, as imports name it) → dist/x.component.js. */
function distPath(path) {
  const m = /^\/?src\/elements\/([\w-]+)\/([\w.-]+)\.(?:ts|js)$/.exec(path ?? '');
  return m && ELEMENTS.includes(m[1]) ? `dist/${m[2]}.js` : path;
}

/**
 * Rewrites module paths to the published files, and points every export at the declaration it
 * re-exports (the defining modules re-export the class). Type-only re-exports (event and strings
 * types) have no declaration in the manifest and no value in the JavaScript: they are dropped.
 */
function publishedPaths() {
  return {
    name: 'pj-elements: published module paths',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      for (const mod of modules) mod.path = distPath(mod.path);
      const declaredIn = new Map(); // name → module path of its declaration
      for (const mod of modules) for (const decl of mod.declarations ?? []) declaredIn.set(decl.name, mod.path);
      for (const mod of modules) {
        mod.exports = (mod.exports ?? []).flatMap((exp) => {
          const decl = exp.declaration ?? {};
          const module = distPath(decl.module);
          const here = (modules.find((m) => m.path === module)?.declarations ?? []).some((d) => d.name === decl.name);
          if (here) return [{ ...exp, declaration: { ...decl, module } }];
          const elsewhere = declaredIn.get(decl.name);
          return elsewhere ? [{ ...exp, declaration: { ...decl, module: elsewhere } }] : [];
        });
        for (const decl of mod.declarations ?? []) {
          if (decl.superclass?.module) decl.superclass.module = distPath(decl.superclass.module);
        }
      }
    },
  };
}

export default {
  globs: ELEMENTS.flatMap((name) => [`src/elements/${name}/${name}.component.ts`, `src/elements/${name}/${name}.ts`]),
  outdir: 'dist',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [publishedPaths()],
};
