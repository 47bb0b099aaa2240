/**
 * The checks a person at a Smart Terminal takes part in: a prompt followed to its end, a request-payment
 * probe that cannot start a payment (it has no amountBase), and — only with --charge — a real payment
 * of a small amount, voided at once. Whatever happens (timeout, Ctrl+C, an error), what this check
 * started on a terminal is sent back to the main screen, and a transaction it made is voided.
 */
import type { PjSmartTerminal, PjSmartTerminalRequestState } from '../../src/protocol/wire.js';
import { PayJunctionError } from '../payjunction/index.js';
import { describeFailure, parametersOf } from './checks-account.js';
import { result, type CheckContext, type CheckResult } from './context.js';
import { describeState, follow, sequenceOf, type Followed } from './follow.js';
import { keysOf } from './seen.js';

/** PayJunction's labs trigger amounts decline on purpose (https://developer.payjunction.com/hc/en-us/articles/215872728). */
const TRIGGERS_PAGE = 'https://developer.payjunction.com/hc/en-us/articles/215872728';

export type TerminalChoice = { terminal: PjSmartTerminal } | { result: CheckResult };

/** The Smart Terminal --terminal names (its id, or its nickname in any case), or why there is none. */
export function chooseTerminal(ctx: CheckContext, id: CheckResult['id'], title: string): TerminalChoice {
  const terminals = ctx.smartTerminals ?? [];
  const listing = terminals.map((t) => `${t.smartTerminalId}  "${t.nickName}"`);
  const wanted = ctx.config.terminal;
  if (!wanted) {
    return {
      result: result(
        id,
        title,
        'skip',
        'no terminal chosen: pass --terminal <id or nickname> (or set PJ_LABS_TERMINAL), one of:',
        listing,
      ),
    };
  }
  const matches = terminals.filter(
    (t) => t.smartTerminalId === wanted || t.nickName.trim().toLowerCase() === wanted.toLowerCase(),
  );
  if (matches.length === 1) return { terminal: matches[0]! };
  const why =
    matches.length > 1
      ? `"${wanted}" is the nickname of ${matches.length} terminals: pass its id`
      : `no Smart Terminal "${wanted}"`;
  return { result: result(id, title, 'fail', `${why}; the terminals are:`, listing) };
}

async function backToMain(ctx: CheckContext, terminal: PjSmartTerminal): Promise<void> {
  await ctx.pj.returnToMain(terminal.smartTerminalId).catch(() => undefined);
}

function printer(ctx: CheckContext) {
  return (state: PjSmartTerminalRequestState) => ctx.progress(`  status: ${describeState(state)}`);
}

const ENDED: Record<string, string> = {
  BUSY: 'the terminal is busy with something else: finish or cancel it there, then run again',
  NO_CONNECTION: 'PayJunction could not reach the terminal: is it on and online?',
};

export async function checkPrompt(ctx: CheckContext): Promise<CheckResult> {
  const title = 'prompt on a Smart Terminal';
  const choice = chooseTerminal(ctx, 'prompt', title);
  if ('result' in choice) return choice.result;
  const { terminal } = choice;
  const { pj, seen, signal } = ctx;
  const name = `"${terminal.nickName}"`;
  let started = false;
  let followed: Followed | undefined;
  try {
    const answer = await pj.requestPrompt(
      terminal.smartTerminalId,
      {
        terminalId: ctx.cardTerminalId!,
        text: 'pj-elements labs check:\npress any button.',
        buttons: ['OK', 'Cancel'],
      },
      { signal },
    );
    started = true;
    seen.promptAnswerKeys = keysOf(answer);
    ctx.progress(`→ At ${name}: press OK or Cancel on the screen (waiting up to ${ctx.config.timeoutMs / 1000} s).`);
    followed = await follow(pj, answer.requestId, { timeoutMs: ctx.config.timeoutMs, signal, onState: printer(ctx) });
    seen.promptStates = followed.states;
    const sequence = sequenceOf(followed.states);
    if (followed.timedOut) {
      return result(
        'prompt',
        title,
        'fail',
        `no answer at ${name} within ${ctx.config.timeoutMs / 1000} s (was anyone there?); the terminal was sent back to its main screen`,
        [sequence],
      );
    }
    started = false;
    const last = followed.last!;
    if (last.status !== 'COMPLETE')
      return result('prompt', title, 'fail', `${last.status}: ${ENDED[String(last.status)] ?? 'an unknown status'}`, [
        sequence,
      ]);
    if (last.promptButton === undefined) {
      return result(
        'prompt',
        title,
        'fail',
        `COMPLETE without a button: the prompt was dismissed at ${name} (the red X?)`,
        [sequence],
      );
    }
    return result('prompt', title, 'pass', `${name} answered "${last.promptButton}": ${sequence}`);
  } catch (err) {
    if (followed === undefined && seen.promptAnswerKeys === undefined)
      return result('prompt', title, 'fail', describeFailure(err, ctx));
    return result(
      'prompt',
      title,
      'fail',
      signal.aborted ? 'interrupted; the terminal was sent back to its main screen' : describeFailure(err, ctx),
    );
  } finally {
    if (started) await backToMain(ctx, terminal);
  }
}

/**
 * request-payment with amountTip and without amountBase: a 400 whatever PayJunction thinks of
 * amountTip (amountBase is required), so no payment can start; the errors tell whether amountTip is
 * refused. Should PayJunction take it anyway, the terminal is sent back to its main screen at once.
 */
export async function probeAmountTip(ctx: CheckContext, terminal: PjSmartTerminal): Promise<void> {
  try {
    await ctx.pj.requestPayment(
      terminal.smartTerminalId,
      { terminalId: ctx.cardTerminalId!, amountTip: '0.01' } as never,
      { signal: ctx.signal },
    );
    ctx.seen.amountTipProbe = { status: 200, parameters: [] };
    await backToMain(ctx, terminal);
  } catch (err) {
    if (err instanceof PayJunctionError && err.status > 0) {
      ctx.seen.amountTipProbe = { status: err.status, parameters: parametersOf(err) };
    }
  }
}

/** The transaction as the report may show it: id, amount, status and response code, no card data. */
async function readTransaction(ctx: CheckContext, transactionId: number) {
  const tx = await ctx.pj.getTransaction(transactionId, { signal: ctx.signal });
  const settlement = (tx.settlement ?? {}) as Record<string, unknown>;
  const raw = tx as unknown as Record<string, unknown>;
  ctx.seen.transaction = {
    amountFields: Object.fromEntries(
      ['amountBase', 'amountTax', 'amountShipping', 'amountTip', 'amountSurcharge', 'amountTotal'].map((f) => [
        f,
        raw[f] === undefined ? undefined : String(raw[f]),
      ]),
    ),
    settlementKeys: keysOf(settlement),
    ...(settlement.settlementId !== undefined ? { settlementIdType: typeof settlement.settlementId } : {}),
    approved: tx.response?.approved,
  };
  return tx;
}

export async function checkCharge(ctx: CheckContext): Promise<CheckResult> {
  const amount = ctx.config.charge!;
  const title = `payment of ${amount} and its void`;
  const choice = chooseTerminal(ctx, 'charge', title);
  if ('result' in choice) return { ...choice.result, status: 'fail' };
  const { terminal } = choice;
  const { pj, seen, signal } = ctx;
  const name = `"${terminal.nickName}"`;
  const details: string[] = [];
  let requestId: string | undefined;
  let transactionId: number | undefined;
  let voided = false;
  try {
    const answer = await pj.requestPayment(
      terminal.smartTerminalId,
      {
        terminalId: ctx.cardTerminalId!,
        amountBase: amount,
        // Unique per run: the same card, amount and invoice number again within minutes is a duplicate (DT).
        invoiceNumber: `labs-check-${Date.now().toString(36)}`,
        showReceiptPrompt: false,
        showSignaturePrompt: false,
      },
      { signal },
    );
    requestId = answer.requestPaymentId;
    seen.paymentAnswerKeys = keysOf(answer);
    ctx.progress(`→ At ${name}: present a card for ${amount} (a labs test card on labs; it is voided at once).`);
    const followed = await follow(pj, requestId, { timeoutMs: ctx.config.timeoutMs, signal, onState: printer(ctx) });
    seen.paymentStates = followed.states;
    details.push(sequenceOf(followed.states));
    if (followed.timedOut) {
      await backToMain(ctx, terminal);
      // Too late to cancel once the card was read: /main then completes it WITH a transaction, voided below.
      const after = await follow(pj, requestId, { timeoutMs: 5_000, signal, onState: printer(ctx) }).catch(
        () => undefined,
      );
      transactionId = after?.last?.transactionId;
      requestId = undefined;
      return result(
        'charge',
        title,
        'fail',
        `no card at ${name} within ${ctx.config.timeoutMs / 1000} s; the terminal was sent back to its main screen`,
        details,
      );
    }
    requestId = undefined;
    const last = followed.last!;
    transactionId = last.transactionId;
    if (last.status !== 'COMPLETE')
      return result(
        'charge',
        title,
        'fail',
        `${last.status}: ${ENDED[String(last.status)] ?? 'an unknown status'}`,
        details,
      );
    if (transactionId === undefined)
      return result('charge', title, 'fail', `COMPLETE without a transaction: cancelled at ${name}`, details);

    const tx = await readTransaction(ctx, transactionId);
    details.push(
      `transaction ${transactionId}: ${tx.status}, ${tx.amountTotal ?? tx.amountBase}, response ${tx.response?.code ?? '?'} ${tx.response?.message ?? ''}`.trim(),
    );
    if (!tx.response?.approved) {
      transactionId = undefined; // a decline has nothing to void
      return result(
        'charge',
        title,
        'fail',
        `declined (${tx.response?.code ?? '?'} ${tx.response?.message ?? ''}): labs declines some amounts on purpose (${TRIGGERS_PAGE}); try another amount, e.g. --charge 1.00`.replace(
          / +\)/,
          ')',
        ),
        details,
      );
    }
    const afterVoid = await pj.voidTransaction(transactionId, { signal });
    voided = true;
    const confirmed = await pj.getTransaction(transactionId, { signal });
    seen.voided = { status: String(confirmed.status), approved: confirmed.response?.approved };
    details.push(
      `PUT status=VOID answered ${afterVoid.status}; GET /transactions/${transactionId} says ${confirmed.status}`,
    );
    if (confirmed.status !== 'VOID')
      return result(
        'charge',
        title,
        'fail',
        `the void did not hold: transaction ${transactionId} is ${confirmed.status}`,
        details,
      );
    return result(
      'charge',
      title,
      'pass',
      `transaction ${transactionId} approved (${tx.response.code}) at ${name}, voided: status VOID`,
      details,
    );
  } catch (err) {
    return result('charge', title, 'fail', signal.aborted ? 'interrupted' : describeFailure(err, ctx), details);
  } finally {
    // Never leave a payment running or a charge standing because of a timeout, an error or Ctrl+C.
    if (requestId) await backToMain(ctx, terminal);
    if (transactionId !== undefined && !voided) {
      const done = await pj.voidTransaction(transactionId).then(
        () => true,
        () => false,
      );
      ctx.progress(
        done
          ? `  transaction ${transactionId} voided`
          : `  could NOT void transaction ${transactionId}: void it in PayJunction`,
      );
    }
  }
}
