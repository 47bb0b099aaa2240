// npm run bench: the bundles' sizes, as a browser downloads them (minified, every dependency inside).
// Prints figures, asserts nothing (the budgets are checked by `npm run size`, in npm test).
//   each element alone : dist/size/<element>.js  (its defining module, bundled alone, minified IIFE)
//   one element and setLocale: dist/size/tx-status-locale.js (pj-elements/tx-status and pj-elements/locales)
//   all four           : dist/pj-elements.iife.js (the one <script> for plain pages)
// gzip level 9 (what size-limit's file plugin measures) and brotli quality 11.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const rows = [
  ['<pj-terminal-pay> alone', 'size/terminal-pay.js'],
  ['<pj-terminal-request> alone', 'size/terminal-request.js'],
  ['<pj-tx-status> alone', 'size/tx-status.js'],
  ['<pj-schedule-form> alone', 'size/schedule-form.js'],
  ['<pj-tx-status> and setLocale', 'size/tx-status-locale.js'],
  ['all four (pj-elements.iife.js)', 'pj-elements.iife.js'],
];
if (!rows.every(([, file]) => existsSync(join(dist, file)))) {
  console.error('dist/ is not built: run npm run build first (npm run bench does).');
  process.exit(1);
}
const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
console.log('Bundle sizes (minified, every dependency bundled)\n');
console.log(`${'bundle'.padEnd(34)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
for (const [label, file] of rows) {
  const code = readFileSync(join(dist, file));
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(
    `${label.padEnd(34)} ${kb(code.length).padStart(10)} ${kb(gzip).padStart(10)} ${kb(brotli).padStart(10)}`,
  );
}
