// @custom-elements-manifest/analyzer: dist/custom-elements.json (npm run build; package.json `customElements`).
//
// The classes live in src/elements/<name>/<name>.component.ts (no define); the tag names come from the
// tiny defining modules src/elements/<name>/<name>.ts, which the analyzer links to the classes by name.
// Module paths are rewritten from src/*.ts to the dist/*.js files npm users import. scripts/build.mjs
// then checks the result with @wc-toolkit/cem-validator, every rule an error.
import { posix } from 'node:path';

const ELEMENTS = ['terminal-pay', 'terminal-request', 'tx-status', 'schedule-form'];

/**
 * The schema the manifest follows. The analyzer (0.11) still writes "1.0.0" but already emits what
 * 2.x added (`readonly` on getter-only fields, `attribute` on the fields that have one), and nothing
 * 2.x removed; https://github.com/webcomponents/custom-elements-manifest/blob/main/CHANGELOG.md
 */
const SCHEMA_VERSION = '2.1.0';

/** src/elements/x/x.component.ts (or /src/…/x.component.js, as imports name it) → dist/x.component.js. */
function distPath(path) {
  const m = /^\/?src\/elements\/([\w-]+)\/([\w.-]+)\.(?:ts|js)$/.exec(path ?? '');
  return m && ELEMENTS.includes(m[1]) ? `dist/${m[2]}.js` : path;
}

/**
 * A type re-exported from a module the analyzer does not read (`export type { PjLocale } from
 * '../../locales/locale.js'`): its declaration is in the published declarations, dist/types/ (tsc
 * mirrors src/ there). `from` is the exporting module's source path, `specifier` the import path.
 */
function typeDeclarationPath(from, specifier) {
  if (!specifier?.startsWith('.')) return undefined;
  const source = posix.normalize(posix.join(posix.dirname(from.replace(/^\//, '')), specifier));
  return source.startsWith('src/') ? source.replace(/^src\//, 'dist/types/').replace(/\.js$/, '.d.ts') : undefined;
}

/**
 * Rewrites module paths to the published files, and points every export at the declaration it
 * re-exports: a class at its module (the defining modules re-export the class), a type at its
 * declaration file under dist/types/. The types stay listed: tools that generate framework types from
 * the manifest import what a module exports by these names.
 */
function publishedPaths() {
  return {
    name: 'pj-elements: published module paths',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.schemaVersion = SCHEMA_VERSION;
      const modules = customElementsManifest.modules ?? [];
      const sourcePath = new Map(modules.map((mod) => [mod, mod.path]));
      for (const mod of modules) mod.path = distPath(mod.path);
      const declaredIn = new Map(); // name → module path of its declaration
      for (const mod of modules) for (const decl of mod.declarations ?? []) declaredIn.set(decl.name, mod.path);
      for (const mod of modules) {
        mod.exports = (mod.exports ?? []).flatMap((exp) => {
          const decl = exp.declaration ?? {};
          const module = distPath(decl.module);
          if (decl.name === '*') return [{ ...exp, declaration: { ...decl, module } }]; // export * from './x.component.js'
          const here = (modules.find((m) => m.path === module)?.declarations ?? []).some((d) => d.name === decl.name);
          if (here) return [{ ...exp, declaration: { ...decl, module } }];
          const elsewhere = declaredIn.get(decl.name) ?? typeDeclarationPath(sourcePath.get(mod), decl.module);
          if (!elsewhere) throw new Error(`${sourcePath.get(mod)}: cannot tell where export ${exp.name} is declared`);
          return [{ ...exp, declaration: { ...decl, module: elsewhere } }];
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
