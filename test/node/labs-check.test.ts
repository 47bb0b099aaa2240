/**
 * `npm run labs:check` as a merchant runs it: a real process (node --import tsx), real HTTP, against
 * the simulator started here, with the simulator's credentials and PJ_API_BASE_URL pointed at it. The
 * test plays the customer at the simulated terminal through the simulator's controls
 * (/__sim/devices/{id}/next-outcome): it picks the prompt's button and approves the card, and the
 * report must say what it chose. Nothing measures time; each run ends on its own.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RunningSimulator } from '../../server-stub/simulator/index.js';
import { PayJunctionClient } from '../../server-stub/payjunction/index.js';
import type { LabsReport } from '../../server-stub/labs-check/report.js';
import { CREDENTIALS, FRONT_COUNTER } from './support/pj-client.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = 'server-stub/cli/labs-check.ts';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ port: 0, speed: 2, credentials: CREDENTIALS });
});
after(async () => {
  await sim.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with only `env` (plus PATH and the like); `onStderr` sees progress as it comes. */
function labsCheck(args: string[], env: Record<string, string>, onStderr?: (text: string) => void): Promise<Run> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(base)) if (/^(PJ_|NODE_TEST_CONTEXT$)/.test(name)) delete base[name];
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr);
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const simEnv = () => ({
  PJ_API_LOGIN: CREDENTIALS.login,
  PJ_API_PASSWORD: CREDENTIALS.password,
  PJ_APP_KEY: CREDENTIALS.appKey,
  PJ_API_BASE_URL: sim.url,
});

async function control(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, `control ${path}`);
}

async function simCalls(): Promise<{ method: string; path: string; status: number }[]> {
  const body = (await (await fetch(`${sim.url}/__sim/calls`)).json()) as {
    calls: { method: string; path: string; status: number }[];
  };
  return body.calls.filter((c) => !c.path.startsWith('/__sim'));
}

function assertNoSecret(run: Run): void {
  for (const text of [run.stdout, run.stderr]) {
    assert.ok(!text.includes(CREDENTIALS.password), 'the password is never printed');
    assert.ok(!text.includes(CREDENTIALS.appKey), 'the application key is never printed');
  }
}

describe('npm run labs:check', () => {
  it('without credentials: names each variable, where labs credentials come from, and exits 2', async () => {
    const run = await labsCheck([], {});
    assert.equal(run.code, 2);
    for (const name of ['PJ_API_LOGIN', 'PJ_API_PASSWORD', 'PJ_APP_KEY', 'PJ_ENV'])
      assert.match(run.stderr, new RegExp(name));
    assert.match(run.stderr, /https:\/\/developer\.payjunction\.com\/hc\/en-us\/articles\/216477397/);
    assert.equal(run.stdout, '');
  });

  it('refuses --charge above 1.00 without --i-mean-it (exit 2, nothing sent)', async () => {
    await fetch(`${sim.url}/__sim/calls`, { method: 'DELETE' });
    const run = await labsCheck(['--terminal', 'Front Counter', '--charge', '1.01'], simEnv());
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--i-mean-it/);
    assert.deepEqual(await simCalls(), []);
  });

  it('all green against the simulator: a prompt the test answers, --charge 0.01 approved and voided, a webhook round trip (--json)', async () => {
    await fetch(`${sim.url}/__sim/calls`, { method: 'DELETE' });
    // The customer at "Front Counter" will press Cancel on the prompt (not the first button, which the simulator would pick alone).
    await control(`/__sim/devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'approve', button: 'Cancel' });
    let approved: Promise<void> | undefined;
    const run = await labsCheck(
      ['--terminal', 'front counter', '--charge', '0.01', '--json', '--timeout', '60'],
      { ...simEnv(), PJ_WEBHOOK_URL: 'https://hooks.example.test/pj/webhooks/payjunction' },
      (stderr) => {
        // The prompt has started (and taken its outcome): the card the payment will read is approved
        // (0.01 is a labs trigger amount that declines otherwise).
        if (!approved && /press OK or Cancel/.test(stderr)) {
          approved = control(`/__sim/devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'approve' });
        }
      },
    );
    await approved;
    assertNoSecret(run);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const report = JSON.parse(run.stdout) as LabsReport;
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.checks.map((c) => [c.id, c.status]),
      [
        ['authentication', 'pass'],
        ['smart-terminals', 'pass'],
        ['publishable-keys', 'pass'],
        ['webhooks', 'pass'],
        ['prompt', 'pass'],
        ['charge', 'pass'],
      ],
    );
    const prompt = report.checks.find((c) => c.id === 'prompt')!;
    assert.match(prompt.summary, /"Front Counter" answered "Cancel"/);
    assert.match(run.stderr, /status: COMPLETE \(button "Cancel"\)/, 'each status is printed as it arrives');
    const charge = report.checks.find((c) => c.id === 'charge')!;
    const transactionId = /transaction (\d+) approved/.exec(charge.summary)?.[1];
    assert.ok(transactionId, charge.summary);

    // What reached the simulator: the payment voided, the subscription deleted, nothing left behind.
    const calls = await simCalls();
    assert.ok(calls.some((c) => c.method === 'PUT' && c.path === `/transactions/${transactionId}` && c.status === 200));
    assert.ok(calls.some((c) => c.method === 'DELETE' && c.path.startsWith('/webhooks/') && c.status === 204));
    const pj = new PayJunctionClient({ baseUrl: sim.url, ...CREDENTIALS });
    assert.equal((await pj.getTransaction(transactionId)).status, 'VOID');
    assert.deepEqual((await pj.listWebhooks()).results, []);

    // The simulator is what the expectations describe: against it nothing differs.
    const differs = report.expectations.filter((e) => e.verdict === 'differs');
    assert.deepEqual(
      differs.map((e) => `${e.id}: ${e.saw}`),
      [],
    );
    const agrees = report.expectations.filter((e) => e.verdict === 'agrees').map((e) => e.id);
    for (const id of [
      'request-status-sequence',
      'transaction-void',
      'webhook-list',
      'webhook-delete',
      'pace-accepted',
    ]) {
      assert.ok(agrees.includes(id), `${id} agrees`);
    }
  });

  it('without --terminal: lists the terminals and says how to choose, the prompt skipped; exit 0', async () => {
    const run = await labsCheck([], simEnv());
    assertNoSecret(run);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /– prompt on a Smart Terminal — no terminal chosen: pass --terminal <id or nickname>/);
    assert.match(run.stdout, /"Drive-Thru"/);
    assert.match(run.stdout, /– webhook subscription — set PJ_WEBHOOK_URL/);
    assert.match(run.stdout, /Where the simulator differs/);
  });

  it('a wrong password: ✗ authentication with what to check, the rest not run, exit 1, the password not printed', async () => {
    const wrong = 'Wrong-pw-51d0c7-never-print';
    const run = await labsCheck(['--terminal', 'Front Counter'], { ...simEnv(), PJ_API_PASSWORD: wrong });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /✗ authentication — 401: PayJunction refused the credentials\. Check that PJ_API_LOGIN/);
    assert.match(run.stdout, /– prompt on a Smart Terminal — not run: authentication failed/);
    assert.ok(!run.stdout.includes(wrong) && !run.stderr.includes(wrong));
  });
});
