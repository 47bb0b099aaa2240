// `npm run lint` (and the first stage of `npm test`): Prettier's check (.prettierrc.json), ESLint
// (eslint.config.js, type-aware) and the 400-line limit (scripts/check-file-length.mjs), over the whole
// tree or only the files given. Every check runs; the summary names what failed and the command to fix it.
// Usage: node scripts/lint.mjs [--fix] [file...]
//   --fix   Prettier rewrites the files and ESLint applies its fixes first; what is left is reported.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_LINES, filesOverLimit } from './check-file-length.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const fix = args.includes('--fix');
const named = args.filter((arg) => arg !== '--fix');
// A list from `git ls-files` or `git diff --name-only` may name deleted files: nothing to check there.
const files = named.filter((file) => existsSync(file));
if (named.length > 0 && files.length === 0) {
  console.log('lint: none of the files given exists');
  process.exit(1);
}
const ESLINT_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function tool(bin, toolArgs) {
  return spawnSync(process.execPath, [join(root, 'node_modules', bin), ...toolArgs], {
    cwd: process.cwd(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
  });
}

const problems = [];

// Prettier: --list-different prints each file whose formatting differs (--write: each file it rewrote).
const prettier = tool('prettier/bin/prettier.cjs', [
  ...(fix ? ['--write', '--log-level=warn'] : ['--list-different']),
  '--ignore-unknown',
  ...(files.length ? files : ['.']),
]);
const unformatted = fix ? [] : prettier.stdout.split('\n').filter(Boolean);
if (prettier.status !== 0 && (fix || unformatted.length === 0)) {
  problems.push(`Prettier failed (exit ${prettier.status}): see its errors above`);
} else if (unformatted.length > 0) {
  problems.push(
    `${unformatted.length} file(s) not formatted:\n    ${unformatted.join('\n    ')}\n  fix: npm run format (or npx prettier --write <file>)`,
  );
}

// ESLint: its own report (file, line, rule) goes straight to the output.
const eslintFiles = files.filter((file) => ESLINT_FILE.test(file));
if (files.length === 0 || eslintFiles.length > 0) {
  const eslint = tool('eslint/bin/eslint.js', [
    ...(fix ? ['--fix'] : []),
    '--max-warnings=0',
    '--no-warn-ignored',
    ...(files.length ? eslintFiles : ['.']),
  ]);
  process.stdout.write(eslint.stdout);
  if (eslint.status !== 0) {
    problems.push(
      'ESLint found problems (listed above)\n  fix: npm run lint -- --fix, then by hand what it cannot fix',
    );
  }
}

const over = filesOverLimit(files);
if (over.length > 0) {
  problems.push(
    `${over.length} file(s) over ${MAX_LINES} lines:\n    ${over.map(({ file, lines }) => `${file} (${lines})`).join('\n    ')}` +
      '\n  fix: split each into coherent files',
  );
}

if (problems.length > 0) {
  console.log(`\nlint failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `lint: ${files.length ? `${files.length} file(s)` : 'the tree'} formatted, ESLint clean, none over ${MAX_LINES} lines.`,
);
