/**
 * Runs the labs check: the project's PayJunction client (its pace, retries and error handling) on
 * the configured credentials, every check in order, the expectations judged, one report. A check that
 * needs an earlier one's answer (the card account, the terminal list) is skipped when that failed.
 */
import { PayJunctionClient } from '../payjunction/index.js';
import { checkAuthentication, checkPublishableKeys, checkSmartTerminals, checkWebhooks } from './checks-account.js';
import { checkCharge, checkPrompt, chooseTerminal, probeAmountTip } from './checks-terminal.js';
import type { LabsCheckConfig } from './config.js';
import { result, type CheckContext, type CheckResult } from './context.js';
import { judgeAll } from './expectations.js';
import type { LabsReport } from './report.js';
import { newSeen, observingFetch } from './seen.js';

export interface RunOptions {
  progress(line: string): void;
  signal: AbortSignal;
  /** The fetch under the observer (tests need none: the check talks real HTTP). */
  fetch?: typeof fetch;
}

export async function runLabsCheck(config: LabsCheckConfig, options: RunOptions): Promise<LabsReport> {
  const startedAt = new Date().toISOString();
  const seen = newSeen();
  const pj = new PayJunctionClient({
    baseUrl: config.baseUrl,
    ...config.credentials,
    fetch: observingFetch(seen, options.fetch),
  });
  const ctx: CheckContext = { pj, config, seen, progress: options.progress, signal: options.signal };
  const checks: CheckResult[] = [];
  const run = async (check: (ctx: CheckContext) => Promise<CheckResult>) => {
    const outcome = await check(ctx);
    checks.push(outcome);
    return outcome;
  };

  options.progress(
    `Checking ${pj.baseUrl} (${config.target === 'custom' ? 'PJ_API_BASE_URL' : config.target}) with the relay's PayJunction client…`,
  );
  const auth = await run(checkAuthentication);
  if (auth.status === 'fail' && !ctx.authenticated) {
    // Nothing else can work without authentication: say so once per check rather than six 401s.
    for (const [id, title] of [
      ['smart-terminals', 'Smart Terminal list'],
      ['publishable-keys', 'publishable keys'],
      ['webhooks', 'webhook subscription'],
      ['prompt', 'prompt on a Smart Terminal'],
      ...(config.charge ? [['charge', `payment of ${config.charge} and its void`]] : []),
    ] as [CheckResult['id'], string][]) {
      checks.push(result(id, title, 'skip', 'not run: authentication failed'));
    }
  } else {
    const terminals = await run(checkSmartTerminals);
    await run(checkPublishableKeys);
    await run(checkWebhooks);
    const canUseTerminal = terminals.status === 'pass' && ctx.cardTerminalId !== undefined;
    if (!canUseTerminal) {
      const why = ctx.cardTerminalId === undefined ? 'no card account to run it on' : 'the Smart Terminal list failed';
      checks.push(result('prompt', 'prompt on a Smart Terminal', 'skip', `not run: ${why}`));
      if (config.charge)
        checks.push(result('charge', `payment of ${config.charge} and its void`, 'fail', `not run: ${why}`));
    } else {
      const prompt = await run(checkPrompt);
      const choice = chooseTerminal(ctx, 'prompt', '');
      if ('terminal' in choice && prompt.status === 'pass' && !options.signal.aborted)
        await probeAmountTip(ctx, choice.terminal);
      if (config.charge && !options.signal.aborted) await run(checkCharge);
    }
  }

  return {
    tool: 'pj-elements labs:check',
    ok: checks.every((c) => c.status !== 'fail'),
    target: { baseUrl: pj.baseUrl, env: config.target, apiVersion: pj.apiVersion },
    startedAt,
    finishedAt: new Date().toISOString(),
    checks,
    expectations: judgeAll(seen),
  };
}
