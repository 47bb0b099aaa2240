// No source file over 400 lines (issue 10): every .ts/.tsx/.mts/.mjs/.js/.css/.html under the source
// directories, test/fixtures/ (recorded data) aside. ESLint's max-lines says the same for JS/TS in an
// editor; this check also covers CSS and HTML, which ESLint does not read.
// Usage: node scripts/check-file-length.mjs [file...]   (no argument: the whole tree)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAX_LINES = 400;
export const SOURCE_DIRS = ['src', 'server-stub', 'test', 'demo', 'scripts', 'bench'];
const SOURCE_FILE = /\.(ts|tsx|mts|mjs|js|css|html)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test/fixtures']);

const root = new URL('..', import.meta.url).pathname;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (SKIPPED_DIRS.has(path) || SKIPPED_DIRS.has(name)) continue;
    if (statSync(join(root, path)).isDirectory()) out.push(...walk(path));
    else if (SOURCE_FILE.test(name)) out.push(path);
  }
  return out;
}

/** Counts lines as `wc -l` does, plus a last line without a newline. */
export function countLines(text) {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The files (all source files, or those given that are source files) over MAX_LINES, with their counts. */
export function filesOverLimit(files) {
  const candidates = files?.length
    ? files
        .map((file) => relative(root, join(process.cwd(), file)))
        .filter((file) => SOURCE_FILE.test(file) && !file.startsWith('test/fixtures/'))
    : SOURCE_DIRS.flatMap(walk);
  return candidates
    .map((file) => ({ file, lines: countLines(readFileSync(join(root, file), 'utf8')) }))
    .filter(({ lines }) => lines > MAX_LINES);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const over = filesOverLimit(process.argv.slice(2));
  for (const { file, lines } of over) console.log(`${file}: ${lines} lines (at most ${MAX_LINES})`);
  if (over.length > 0) {
    console.log(`${over.length} file(s) over ${MAX_LINES} lines: split each into coherent files.`);
    process.exit(1);
  }
}
