/**
 * A labs or production relay never loads the PayJunction simulator: it is imported only in simulator
 * mode. Each relay is created in a process of its own whose every module load is recorded by a
 * module hook (support/record-loads.mjs); simulator mode is the control that the recording sees it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SIMULATOR_MODULES = /\/server-stub\/simulator\//;

/** The URLs of every module a process creating a `mode` relay loaded. */
function loadsOf(mode: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pj-loads-'));
  const file = join(dir, 'loads.txt');
  try {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './test/node/support/record-loads.mjs',
        'test/node/support/create-relay.ts',
        mode,
      ],
      { cwd: root, env: { ...process.env, RECORD_LOADS_TO: file }, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    assert.match(run.stdout, new RegExp(`^created a ${mode} relay$`, 'm'));
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('simulator mode loads the simulator (the recording sees it)', () => {
  const loads = loadsOf('simulator');
  assert.ok(
    loads.some((url) => url.endsWith('/server-stub/relay-server.ts')),
    'the relay server was recorded',
  );
  assert.ok(
    loads.some((url) => SIMULATOR_MODULES.test(url)),
    'the simulator was recorded',
  );
});

for (const mode of ['labs', 'production']) {
  test(`a ${mode} relay loads no module of the simulator`, () => {
    const loads = loadsOf(mode);
    assert.ok(
      loads.some((url) => url.endsWith('/server-stub/relay/relay.ts')),
      'the relay was recorded',
    );
    assert.deepEqual(
      loads.filter((url) => SIMULATOR_MODULES.test(url)),
      [],
    );
  });
}
