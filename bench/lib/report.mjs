// The one table (Markdown, aligned so it reads in a terminal too) and bench/RESULTS.md: the command,
// the date, the machine, then the table and the notes each figure left.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

const num = (v, digits = 0) =>
  v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function value(v, unit) {
  if (v === undefined || !Number.isFinite(v)) return '—';
  switch (unit) {
    case 'ms':
      return `${num(v, v < 10 ? 2 : v < 100 ? 1 : 0)} ms`;
    case '/s':
      return `${num(v)}/s`;
    case 'B':
      return `${num(v)} B`;
    default:
      return num(v, Number.isInteger(v) ? 0 : 1);
  }
}

function target(row) {
  const t = row.target;
  if (!t) return ['', ''];
  if (t.min !== undefined) return [`≥ ${t.min}×`, row.ratio >= t.min];
  if (t.max !== undefined) return [`≤ ${t.max}×`, row.ratio <= t.max];
  const limit = row.unit === 'B' ? `${num(t.absMax / 1000)} kB` : `${num(t.absMax)} ${row.unit}`;
  return [`≤ ${limit}`, row.relay <= t.absMax];
}

/** The rows as table cells. */
function cells(row) {
  if (row.skipped) return [row.label, `skipped: ${row.skipped}`, '', '', '', ''];
  const [goal, met] = target(row);
  const relay = value(row.relay, row.unit) + (row.ours !== undefined ? ` (ours ${num(row.ours)})` : '');
  return [
    row.label,
    relay,
    value(row.baseline, row.unit),
    Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}×` : '—',
    goal,
    goal === '' ? '' : met ? 'met' : 'not met',
  ];
}

export function table(rows) {
  const all = [['Figure', 'Relay (ours)', 'Baseline', 'Ratio', 'Target', 'Met?'], ...rows.map(cells)];
  const widths = all[0].map((_, c) => Math.max(...all.map((r) => [...r[c]].length)));
  const line = (r) => `| ${r.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join(' | ')} |`;
  return [
    line(all[0]),
    `|${widths.map((w, c) => (c === 0 ? '-' : '-').repeat(w + 2)).join('|')}|`,
    ...all.slice(1).map(line),
  ].join('\n');
}

export function machine() {
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${type()} ${release()}`,
    node: process.version,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(', '),
  };
}

export function writeResults(file, { command, started, seconds, before, after, rows, notes }) {
  const text = `# Benchmark results

Written by \`npm run bench\` (bench/run.mjs); bench/README.md says what each figure means. Every baseline was
measured in the same run, in alternating rounds; figures are medians of rounds, ratios the median of the
rounds' own ratios (relay ÷ baseline). Targets are issue 14's. Nothing here is asserted.

- Command: \`${command}\`
- Date: ${started.toISOString()}
- Machine: ${before.cpu}; ${before.memory} memory; ${before.os}; Node ${before.node}
- Load average (1, 5, 15 min): ${before.load} at the start, ${after.load} at the end
- The figures took ${seconds.toFixed(0)} s (after the build)

${table(rows)}

${notes.map((n) => `- ${n}`).join('\n')}
`;
  writeFileSync(file, text);
}
