// A Vite plugin for the library builds: squeezes the whitespace out of Lit's html`` and css`` templates in
// our own sources (minifiers never touch template text). Conservative by design:
//  - html: a run of whitespace that contains a line break becomes one space (HTML collapses it to one
//    anyway), so text and inline spacing render exactly as before; templates with <pre> or <textarea>
//    are left alone.
//  - css: comments go, whitespace runs become one space, and the space around { } ; , > and after : goes,
//    as does the last ; of a block and the 0 of 0.5; quoted strings ('Segoe UI', content: "…") are kept exactly as written.
// Only the literal parts change; ${…} expressions are untouched.
import { parseSync } from 'vite';

const TAGS = new Set(['html', 'css', 'svg']);

function squeezeHtml(raw) {
  return raw.replace(/\s*\n\s*/g, ' ');
}

/** Squeezes CSS outside its quoted strings (the odd pieces of the split), which are left as written. */
function squeezeCss(raw) {
  return raw
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}')
            .replace(/([ :,(])0\.(\d)/g, '$1.$2'),
    )
    .join('');
}

function walk(node, visit) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node.type === 'string') visit(node);
  for (const key in node) if (key !== 'parent') walk(node[key], visit);
}

export function minifyTemplates({ include = /\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'pj-elements:minify-templates',
    transform(code, id) {
      if (!include.test(id) || !/\b(?:html|css|svg)`/.test(code)) return null;
      const { program, errors } = parseSync(id, code);
      if (errors.length > 0) return null; // let the real transform report it
      const edits = [];
      walk(program, (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || !TAGS.has(node.tag.name))
          return;
        const quasis = node.quasi.quasis;
        const all = quasis.map((q) => q.value.raw).join('');
        if (node.tag.name === 'html' && /<(pre|textarea)\b/i.test(all)) return;
        for (const q of quasis) {
          const raw = q.value.raw;
          const start = q.start + 1; // after ` or }
          if (code.slice(start, start + raw.length) !== raw) return; // positions not as expected: leave it
          const next = node.tag.name === 'css' ? squeezeCss(raw) : squeezeHtml(raw);
          if (next !== raw) edits.push([start, start + raw.length, next]);
        }
      });
      if (edits.length === 0) return null;
      edits.sort((a, b) => b[0] - a[0]);
      let out = code;
      for (const [from, to, text] of edits) out = out.slice(0, from) + text + out.slice(to);
      return { code: out, map: null };
    },
  };
}
