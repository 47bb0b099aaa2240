// Finds (and, as root on Debian, installs) the system programs the tests need: Chromium for the
// browser and end-to-end tests, redis-server for the multi-process backend. No test tool may
// download its own browser here, so we use the distribution's packages.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';

const CHROMIUM_PATHS = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * How every test starts Debian's Chromium: headless, as root (no sandbox), and without the
 * background networking that this machine's closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function findChromium() {
  return CHROMIUM_PATHS.find((p) => p && existsSync(p));
}

export function findRedisServer() {
  return process.env.REDIS_SERVER_PATH ?? which('redis-server');
}

/** Makes sure Chromium and redis-server exist; installs them with apt-get when we are root. */
export function ensureSystemDeps() {
  const missing = [];
  if (!findChromium()) missing.push('chromium');
  if (!findRedisServer()) missing.push('redis-server');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && which('apt-get')) {
    console.log(`Installing ${missing.join(' and ')} from the system's packages (apt-get)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  }
  const still = [];
  if (!findChromium()) still.push('Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
  if (!findRedisServer()) still.push('redis-server (apt-get install redis-server, or set REDIS_SERVER_PATH)');
  if (still.length > 0) {
    throw new Error(`The tests need ${still.join(' and ')}. Install it and run npm test again.`);
  }
}
